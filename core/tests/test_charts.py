"""Server-rendered SVG charts: accessible, escaped, proportional."""

from core.charts import bar_chart, format_value, paired_bar_chart


def test_bar_chart_is_an_accessible_image_with_title_and_values():
    svg = bar_chart([("Pre-test", 4), ("Post-test", 8)], max_value=10, title="Average score")
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title" in svg and "Average score</title>" in svg
    assert "Pre-test: 4; Post-test: 8" in svg  # the description reads out every bar


def test_bar_widths_are_proportional_to_the_maximum():
    svg = bar_chart([("Half", 5), ("Full", 10), ("Too much", 30)], max_value=10, title="t")
    assert 'width="160.0"' in svg  # half of the 320-unit drawing area
    assert svg.count('width="320.0"') == 2  # values above the maximum are capped


def test_labels_and_titles_are_escaped():
    svg = bar_chart([("<script>alert(1)</script>", 1)], max_value=1, title='"&<b>')
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "&quot;&amp;&lt;b&gt;" in svg


def test_missing_value_draws_no_bar_and_a_dash():
    svg = bar_chart([("Nobody answered", None)], max_value=1, title="t")
    assert 'width="0.0"' in svg
    assert "Nobody answered: —" in svg


def test_paired_chart_names_both_series_for_each_label():
    svg = paired_bar_chart(
        [("Question 1", 40, 90)], max_value=100, title="Correct answers", unit="%"
    )
    assert "Question 1: Before 40%, After 90%" in svg
    assert svg.count("<rect") == 4  # two legend keys and two bars


def test_paired_chart_escapes_series_names():
    svg = paired_bar_chart([("q", 1, 2)], max_value=2, title="t", series=("<i>", "b&"))
    assert "<i>" not in svg and "&lt;i&gt;" in svg and "b&amp;" in svg


def test_format_value_keeps_one_decimal_only_when_needed():
    assert format_value(3) == "3"
    assert format_value(2.5, "%") == "2.5%"
    assert format_value(None) == "—"
