"""Programme texts follow the reader's language and script."""

from catalogue.models import Programme
from catalogue.scripts import slug_from
from core.localisation import localised, localised_lines


def programme(**texts) -> Programme:
    return Programme(**texts)


def test_cyrillic_interface_shows_serbian_text_in_cyrillic():
    assert localised(programme(title_sr="Džep i ljubav"), "title", "sr") == "Џеп и љубав"


def test_latin_interface_shows_serbian_text_in_latin():
    assert localised(programme(title_sr="Ђорђе и Љиљана"), "title", "sr-latn") == "Đorđe i Ljiljana"


def test_english_interface_prefers_english_and_falls_back_to_serbian_latin():
    assert localised(programme(title_sr="Наслов", title_en="Title"), "title", "en") == "Title"
    assert localised(programme(title_sr="Наслов", title_en=""), "title", "en") == "Naslov"


def test_multiline_texts_become_lists_without_blank_lines():
    topics = programme(topics_sr="Pravni okvir\n\n  Mitovi i predrasude  \n")

    assert localised_lines(topics, "topics", "sr") == ["Правни оквир", "Митови и предрасуде"]


def test_slugs_are_ascii_from_either_script():
    assert slug_from("Ђорђе и ЉУБАВ: džep") == "djordje-i-ljubav-dzep"
