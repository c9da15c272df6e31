from index.fusion import reciprocal_rank_fusion


def test_rrf_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([(["a", "b", "c"], 1.0), (["c", "a", "d"], 1.0)], k=60)
    assert [d for d, _ in fused] == ["a", "c", "b", "d"]
    assert fused[0][1] == 1 / 61 + 1 / 62


def test_rrf_weights_and_empty() -> None:
    fused = reciprocal_rank_fusion([(["a"], 0.0), (["b"], 2.0)], k=1)
    assert fused[0] == ("b", 1.0)
    assert reciprocal_rank_fusion([], k=60) == []
