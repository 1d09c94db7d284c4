from evals.metrics import contains, fallback_terms, normalise


def test_normalisation_makes_formats_equal():
    assert contains("a budget of 139250 a year", "£139,250")
    assert contains("met on 1st November 2023", "1 November 2023")
    assert contains("costs £15K each time", "£15k")
    assert not contains("£1,392,500", "139,250")
    assert normalise("Beats 62 and 65.") == "beats 62 and 65"


def test_csv_fallback_terms_take_numbers_and_names():
    assert fallback_terms("Nearly 400, said Inspector Danvers.") == ["400", "Nearly", "Inspector Danvers"]
