"""Evaluation harness: question sets, metrics, runner, HTML report and the `assistant eval` command."""
