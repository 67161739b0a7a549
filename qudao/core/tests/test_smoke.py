def test_cast_builds(cast):
    assert cast.grid_a.path.startswith(cast.company.path + ".")
    assert cast.outlets["OA1"].assignments.count() == 1
