import pytest
from django.core.management import CommandError, call_command

from core.management.commands.transliterate_catalogue import (
    SERBIAN_PLURAL_FORMS,
    parse_po,
    quote,
    unquote,
)

LATIN_CATALOGUE = r"""# Putokaz translations.
# Copyright (C) 2026 Putokaz contributors
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: putokaz\n"
"Report-Msgid-Bugs-To: \n"
"Language: sr_Latn\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. Translators: the public list of programmes
#: catalogue/templates/catalogue/public_list.html:3
msgid "Training programmes"
msgstr "Programi obuke"

#, python-format
msgid "Hello %(name)s, see <a href=\"%(url)s\">your SOS line</a>"
msgstr "Zdravo %(name)s, pogledajte <a href=\"%(url)s\">vašu SOS liniju</a>"

msgid ""
"A long message that gettext wrapped "
"over two lines."
msgstr ""
"Duga poruka koju je gettext prelomio "
"u dva reda.\n"
"Treći red sa \"navodnicima\"."

#, python-format
msgid "%(count)s programme"
msgid_plural "%(count)s programmes"
msgstr[0] "%(count)s program"
msgstr[1] "%(count)s programa"
msgstr[2] "%(count)s programa"

#, fuzzy
msgctxt "verb"
msgid "Export"
msgstr "Izvezi u PDF"

msgid "Not translated yet"
msgstr ""
"""


@pytest.fixture
def catalogues(tmp_path):
    source = tmp_path / "sr_Latn" / "LC_MESSAGES" / "django.po"
    target = tmp_path / "sr" / "LC_MESSAGES" / "django.po"
    source.parent.mkdir(parents=True)
    source.write_text(LATIN_CATALOGUE, encoding="utf-8")
    return source, target


def transliterate(source, target):
    call_command("transliterate_catalogue", source=source, target=target, stdout=None)
    return target.read_text(encoding="utf-8")


def entries_by_msgid(text):
    return {e.get("msgid").value: e for e in parse_po(text) if e.get("msgid")}


def test_every_msgstr_is_written_in_cyrillic(catalogues):
    entries = entries_by_msgid(transliterate(*catalogues))

    assert entries["Training programmes"].get("msgstr").value == "Програми обуке"


def test_placeholders_markup_and_acronyms_survive_transliteration(catalogues):
    entries = entries_by_msgid(transliterate(*catalogues))

    msgstr = entries['Hello %(name)s, see <a href="%(url)s">your SOS line</a>'].get("msgstr")
    assert msgstr.value == 'Здраво %(name)s, погледајте <a href="%(url)s">вашу SOS линију</a>'


def test_multi_line_msgstr_is_read_whole_and_written_back_with_escapes(catalogues):
    text = transliterate(*catalogues)
    entry = entries_by_msgid(text)["A long message that gettext wrapped over two lines."]

    assert entry.get("msgstr").value == (
        'Дуга порука коју је gettext преломио у два реда.\nТрећи ред са "наводницима".'
    )
    assert '"Трећи ред са \\"наводницима\\"."' in text


def test_plural_forms_are_all_transliterated(catalogues):
    entry = entries_by_msgid(transliterate(*catalogues))["%(count)s programme"]

    assert [entry.get(f"msgstr[{n}]").value for n in range(3)] == [
        "%(count)s програм",
        "%(count)s програма",
        "%(count)s програма",
    ]


def test_msgids_comments_flags_and_context_are_copied_unchanged(catalogues):
    text = transliterate(*catalogues)

    assert "#. Translators: the public list of programmes" in text
    assert "#: catalogue/templates/catalogue/public_list.html:3" in text
    assert '#, fuzzy\nmsgctxt "verb"\nmsgid "Export"\nmsgstr "Извези у PDF"' in text
    assert 'msgid ""\n"A long message that gettext wrapped "\n"over two lines."' in text
    assert 'msgid_plural "%(count)s programmes"' in text


def test_untranslated_entries_stay_untranslated(catalogues):
    entries = entries_by_msgid(transliterate(*catalogues))

    assert entries["Not translated yet"].get("msgstr").value == ""


def test_header_declares_serbian_cyrillic_with_serbian_plural_forms(catalogues):
    header = entries_by_msgid(transliterate(*catalogues))[""].get("msgstr").value

    assert "Language: sr\n" in header
    assert f"Plural-Forms: {SERBIAN_PLURAL_FORMS}\n" in header
    assert "Language: sr_Latn" not in header
    assert "Project-Id-Version: putokaz\n" in header


def test_output_has_the_same_entries_as_the_input(catalogues):
    source, target = catalogues
    text = transliterate(source, target)

    assert [e.get("msgid").value for e in parse_po(text)] == [
        e.get("msgid").value for e in parse_po(LATIN_CATALOGUE)
    ]


def test_transliterating_twice_gives_the_same_file(catalogues, tmp_path):
    source, target = catalogues
    first = transliterate(source, target)
    again = tmp_path / "again.po"
    source.write_text(LATIN_CATALOGUE, encoding="utf-8")

    assert transliterate(source, again) == first


def test_missing_source_is_reported_not_raised(tmp_path):
    with pytest.raises(CommandError, match="makemessages"):
        call_command(
            "transliterate_catalogue", source=tmp_path / "none.po", target=tmp_path / "out.po"
        )


def test_unreadable_line_is_reported_with_its_number(tmp_path):
    source = tmp_path / "bad.po"
    source.write_text('msgid "a"\nmsgstr "b"\nnonsense\n', encoding="utf-8")

    with pytest.raises(CommandError, match="line 3"):
        call_command("transliterate_catalogue", source=source, target=tmp_path / "out.po")


@pytest.mark.parametrize("value", ["plain", 'with "quotes"', "back\\slash", "tab\there\nnewline"])
def test_quoting_round_trips(value):
    assert unquote(quote(value)) == value
