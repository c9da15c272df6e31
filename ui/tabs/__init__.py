"""One module per tab of the web app; each ``build(ctx, lang)`` lays its tab out and wires its events."""
