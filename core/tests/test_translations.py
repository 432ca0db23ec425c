"""Serbian in both scripts: complete catalogues, every string of our code in them, pages without English.

The Latin catalogue (sr_Latn) is written by people; the Cyrillic one (sr) is generated from it by
`manage.py transliterate_catalogue`. The page tests need the compiled .mo files (`make messages`).
"""

import ast
import gettext
import html
import re
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone, translation

from catalogue.tests.factories import AccreditationFactory, EnquiryFactory, ProgrammeFactory
from core.management.commands.transliterate_catalogue import SERBIAN_PLURAL_FORMS, Entry, parse_po
from core.models import Role
from core.scripts import to_cyrillic
from core.tests.factories import MembershipFactory, TOTPDeviceFactory

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale"
CATALOGUES = {
    "sr_Latn": LOCALE / "sr_Latn/LC_MESSAGES/django.po",
    "sr": LOCALE / "sr/LC_MESSAGES/django.po",
}
# Where our code lives: everything except what makemessages is told to ignore, and tests.
NOT_OURS = {".venv", "var", "bench", "locale", "static", "node_modules", ".git", "docs"}

SERBIAN_LATIN_LETTERS = re.compile("[čćšžđČĆŠŽĐ]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-zčćšžđČĆŠŽĐ]")
# What a translation may keep in Latin script, even in Cyrillic: placeholders, markup, acronyms.
KEPT_AS_IS = re.compile(r"%\(\w+\)[sd]|%[sd%]|\{\{.*?\}\}|\{\w*\}|<[^>]+>|&\w+;|\b[A-Z]{2,}\b")

# Reading pages and templates as a reader would: text, and the attributes that label things.
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
INVISIBLE = re.compile(r"<(script|style|head)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
LABEL_ATTRIBUTE = re.compile(r"""\b(?:aria-label|alt|title|placeholder)=(["'])(.*?)\1""")
TAG = re.compile(r"<[^>]+>")

Key = tuple[str | None, str]  # (msgctxt, msgid)


# --- reading the catalogues ---------------------------------------------------------------------


@cache
def entries(locale: str) -> tuple[Entry, ...]:
    return tuple(parse_po(CATALOGUES[locale].read_text(encoding="utf-8")))


def messages(locale: str) -> Iterator[Entry]:
    """The translatable entries: not the header, not obsolete (#~) leftovers."""
    for entry in entries(locale):
        if not entry.is_header and not any(c.startswith("#~") for c in entry.comments):
            yield entry


def key(entry: Entry) -> Key:
    context = entry.get("msgctxt")
    return (context.value if context else None, entry.get("msgid").value)  # type: ignore[union-attr]


def msgstrs(entry: Entry) -> list[str]:
    return [f.value for f in entry.fields if f.keyword.startswith("msgstr")]


def header(locale: str) -> str:
    first = next(e for e in entries(locale) if e.is_header)
    return first.get("msgstr").value  # type: ignore[union-attr]


@cache
def translations(locale: str) -> dict[Key, list[str]]:
    return {key(e): msgstrs(e) for e in messages(locale)}


# --- the catalogues themselves ------------------------------------------------------------------


@pytest.mark.parametrize("locale", CATALOGUES)
def test_catalogue_declares_serbian_plural_forms_and_utf8(locale):
    text = header(locale)

    assert f"Language: {locale}\n" in text
    assert f"Plural-Forms: {SERBIAN_PLURAL_FORMS}\n" in text
    assert "charset=UTF-8" in text


@pytest.mark.parametrize("locale", CATALOGUES)
def test_every_message_is_translated(locale):
    untranslated = [k for k, values in translations(locale).items() if not all(values)]

    assert untranslated == []


@pytest.mark.parametrize("locale", CATALOGUES)
def test_every_plural_message_has_all_three_serbian_forms(locale):
    incomplete = [
        key(e)
        for e in messages(locale)
        if e.get("msgid_plural") is not None
        and [f.keyword for f in e.fields if f.keyword.startswith("msgstr")]
        != ["msgstr[0]", "msgstr[1]", "msgstr[2]"]
    ]

    assert incomplete == []


@pytest.mark.parametrize("locale", CATALOGUES)
def test_no_message_is_fuzzy(locale):
    # gettext ignores fuzzy entries: the page would silently show English.
    fuzzy = [
        key(e)
        for e in messages(locale)
        if any(c.startswith("#,") and "fuzzy" in c for c in e.comments)
    ]

    assert fuzzy == []


@pytest.mark.parametrize("locale", CATALOGUES)
def test_compiled_catalogue_matches_the_po_file(locale):
    # Django reads the .mo: a stale one shows English (or old texts) whatever the .po says.
    compiled = CATALOGUES[locale].with_suffix(".mo")
    assert compiled.exists(), "Run `make messages`."
    with compiled.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    in_po = {
        ((f"{context}\x04" if context else "") + msgid, values[0])
        for (context, msgid), values in translations(locale).items()
    }
    in_mo = {
        (k if isinstance(k, str) else k[0], v)
        for k, v in catalog.items()
        if k and (isinstance(k, str) or k[1] == 0)
    }

    assert in_po - in_mo == set(), "Run `make messages`."


def test_both_scripts_have_the_same_messages():
    assert list(translations("sr")) == list(translations("sr_Latn"))


def test_cyrillic_catalogue_is_generated_from_the_latin_one():
    # Catches a Latin edit without `manage.py transliterate_catalogue` (or `make translations`).
    stale = [
        k
        for k, latin in translations("sr_Latn").items()
        if [to_cyrillic(value) for value in latin] != translations("sr").get(k)
    ]

    assert stale == []


def test_cyrillic_catalogue_has_no_serbian_latin_letters():
    leftovers = [
        value
        for values in translations("sr").values()
        for value in values
        if SERBIAN_LATIN_LETTERS.search(KEPT_AS_IS.sub("", value))
    ]

    assert leftovers == []


def test_cyrillic_catalogue_is_written_in_cyrillic():
    text = KEPT_AS_IS.sub("", " ".join(v for values in translations("sr").values() for v in values))
    cyrillic, latin = len(CYRILLIC.findall(text)), len(LATIN.findall(text))

    assert cyrillic / (cyrillic + latin) >= 0.9


def test_brand_names_stay_in_latin_script_in_cyrillic():
    text = " ".join(v for values in translations("sr").values() for v in values)

    for brand in ("FreeOTP", "Aegis", "Google Authenticator"):
        assert brand in text


def test_latin_catalogue_is_not_cyrillic():
    written_in_cyrillic = [
        v for values in translations("sr_Latn").values() for v in values if CYRILLIC.search(v)
    ]

    assert written_in_cyrillic == []


# --- every string of our code is in the catalogue -----------------------------------------------

GETTEXT_FUNCTIONS = {
    "_": (None, 0, None),  # name -> (context argument, msgid argument, plural argument)
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


def our_files(pattern: str) -> list[Path]:
    return sorted(
        path
        for path in BASE_DIR.rglob(pattern)
        if not NOT_OURS & set(path.relative_to(BASE_DIR).parts[:1])
        and "tests" not in path.relative_to(BASE_DIR).parts
    )


def python_calls() -> Iterator[tuple[str, ast.Call]]:
    for path in our_files("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in GETTEXT_FUNCTIONS and node.args:
                    yield f"{path.relative_to(BASE_DIR)}:{node.lineno}", node


def python_msgids() -> Iterator[tuple[str, Key]]:
    for where, call in python_calls():
        context_arg, msgid_arg, _plural = GETTEXT_FUNCTIONS[_name(call)]
        args = call.args
        if len(args) <= msgid_arg or not _is_literal(args[msgid_arg]):
            continue  # reported by test_translated_strings_in_python_are_literals
        context = args[context_arg].value if context_arg is not None else None  # type: ignore[attr-defined]
        yield where, (context, args[msgid_arg].value)  # type: ignore[attr-defined]


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr  # type: ignore[attr-defined]


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


TRANSLATE_TAG = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?P<q>["'])(?P<msgid>.*?)(?P=q)
        (?:[^%]*?\bcontext\s+(?P<cq>["'])(?P<context>.*?)(?P=cq))?[^%]*%\}""",
    re.VERBOSE | re.DOTALL,
)
BLOCK_TAG = re.compile(
    r"\{%\s*(?:blocktranslate|blocktrans)(?P<options>[^%]*)%\}(?P<body>.*?)"
    r"\{%\s*(?:endblocktranslate|endblocktrans)\s*%\}",
    re.DOTALL,
)
UNDERSCORE_IN_TEMPLATE = re.compile(r"""\b_\((?P<q>["'])(?P<msgid>.*?)(?P=q)\)""")
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _blocktranslate_msgid(text: str, trimmed: bool) -> str:
    """The msgid makemessages writes for a blocktranslate body."""
    if trimmed:
        text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return TEMPLATE_VARIABLE.sub(r"%(\1)s", text.replace("%", "%%"))


def template_msgids() -> Iterator[tuple[str, Key]]:
    for path in our_files("*.html") + our_files("*.txt"):
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(BASE_DIR))
        for match in TRANSLATE_TAG.finditer(source):
            yield where, (match["context"], match["msgid"])
        for match in UNDERSCORE_IN_TEMPLATE.finditer(source):
            yield where, (None, match["msgid"])
        for match in BLOCK_TAG.finditer(source):
            options = match["options"]
            context = re.search(r"""\bcontext\s+(["'])(.*?)\1""", options)
            singular = re.split(r"\{%\s*plural\s*%\}", match["body"])[0]
            msgid = _blocktranslate_msgid(singular, trimmed=" trimmed" in options)
            yield where, (context.group(2) if context else None, msgid)


def test_code_has_translatable_strings_the_scanner_understands():
    # Guards the scanners below: if they found nothing, the next test would pass vacuously.
    found = {k for _where, k in template_msgids()} | {k for _where, k in python_msgids()}

    assert (None, "Training programmes") in found
    assert (None, "Serbian (Cyrillic)") in found
    assert (None, "%(days)s day, %(hours)s hours") in found


def test_every_string_in_templates_and_code_is_translated_in_serbian_latin():
    catalogue = translations("sr_Latn")
    missing = sorted(
        {
            f"{where}: {msgid!r}"
            for where, (context, msgid) in [*template_msgids(), *python_msgids()]
            if not all(catalogue.get((context, msgid), [""]))
        }
    )

    assert missing == [], "Run `make translations` and translate these:\n" + "\n".join(missing)


# Words a template may show untranslated: the product's name, and each language named in itself.
UNTRANSLATED_WORDS = {"Putokaz", "English", "Latinica", "Ћирилица"}
TEMPLATE_COMMENT = re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.DOTALL)
WHOLE_BLOCK_TAG = re.compile(r"\{%\s*(blocktranslate|blocktrans)\b.*?\{%\s*end\1\s*%\}", re.DOTALL)
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)


def untranslated_words(source: str) -> list[str]:
    """Words a template shows outside translate tags (text and labelling attributes)."""
    source = TEMPLATE_COMMENT.sub(" ", source)
    source = WHOLE_BLOCK_TAG.sub(" ", source)
    source = SCRIPT_OR_STYLE.sub(" ", source)
    labels = " ".join(m.group(2) for m in LABEL_ATTRIBUTE.finditer(source))
    text = TAG.sub(" ", TEMPLATE_TAG.sub(" ", source)) + " " + TEMPLATE_TAG.sub(" ", labels)
    return [w for w in re.findall(r"[^\W\d_]{2,}", text) if w not in UNTRANSLATED_WORDS]


def test_templates_show_no_text_outside_translate_tags():
    hard_coded = {
        str(path.relative_to(BASE_DIR)): words
        for path in our_files("*.html")
        if (words := untranslated_words(path.read_text(encoding="utf-8")))
    }

    assert hard_coded == {}


def test_translated_strings_in_python_are_literals():
    # _(f"...") or _("a" + b) cannot be extracted: the page would show English whatever the language.
    not_literal = [
        where
        for where, call in python_calls()
        if len(call.args) <= GETTEXT_FUNCTIONS[_name(call)][1]
        or not _is_literal(call.args[GETTEXT_FUNCTIONS[_name(call)][1]])
    ]

    assert not_literal == []


# --- pages in each script -----------------------------------------------------------------------


def visible_text(page: str) -> str:
    """What a reader sees or hears: text outside tags, and labelling attributes."""
    body = INVISIBLE.sub(" ", page)
    labels = " ".join(m.group(2) for m in LABEL_ATTRIBUTE.finditer(body))
    return html.unescape(re.sub(r"\s+", " ", TAG.sub(" ", body) + " " + labels))


def phrases(text: str) -> list[str]:
    """The parts of a message between placeholders that have at least two words."""
    parts = re.split(r"%\(\w+\)[sd]|%[sd]|\n", text)
    return [p.strip(" .,:;") for p in parts if len(p.split()) >= 2]


def leftovers(text: str, locale: str) -> list[str]:
    """Our catalogue's source texts (English) or other-script texts found in the visible text."""
    if locale == "en":
        candidates = [p for (_ctx, msgid) in translations("sr_Latn") for p in phrases(msgid)]
    else:
        candidates = [
            p for values in translations(locale).values() for v in values for p in phrases(v)
        ]
    return sorted({p for p in candidates if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)})


def cyrillic_share(text: str) -> float:
    cyrillic, latin = len(CYRILLIC.findall(text)), len(LATIN.findall(text))
    return cyrillic / max(cyrillic + latin, 1)


@pytest.fixture
def data(organisation, member) -> dict[str, object]:
    """A little of everything the pages list: programmes, accreditations, an enquiry, a colleague."""
    programme = ProgrammeFactory(organisation=organisation, slug="prepoznavanje")
    AccreditationFactory(programme=programme)
    expiring = ProgrammeFactory(organisation=organisation)
    # Ends soon, so the dashboard shows its "accreditations ending" panel.
    AccreditationFactory(programme=expiring, valid_until=timezone.localdate() + timedelta(days=10))
    enquiry = EnquiryFactory(programme=programme)
    colleague = member(Role.TRAINER)
    return {"programme": programme.pk, "enquiry": enquiry.pk, "user": colleague.pk}


def in_language(client: Client, language: str) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def signed_in_without_second_factor(role: str, organisation, device: bool) -> Client:
    """Signed in with the password only: the second-factor pages are what this user sees."""
    user = MembershipFactory(role=role, organisation=organisation).user
    if device:
        TOTPDeviceFactory(user=user)
    client = Client()
    client.force_login(user)
    return client


PUBLIC_PAGES = ["/programmes/", "/programmes/prepoznavanje/", "/login/", "/no-such-page/"]
STAFF_PAGES = [  # (role, address, status)
    (Role.EDUCATION_COORDINATOR, "/dashboard/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/new/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/{programme}/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/{programme}/edit/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/{programme}/accreditations/new/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/bodies/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/bodies/new/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/enquiries/", 200),
    (Role.EDUCATION_COORDINATOR, "/catalogue/enquiries/{enquiry}/", 200),
    (Role.ADMINISTRATOR, "/members/", 200),
    (Role.ADMINISTRATOR, "/members/add/", 200),
    (Role.ADMINISTRATOR, "/members/{user}/", 200),
    (Role.ADMINISTRATOR, "/audit/", 200),
    (Role.TRAINER, "/audit/", 403),
]


def fetch(client: Client, url: str, language: str, status: int = 200) -> str:
    response = in_language(client, language).get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def public_page(url: str, language: str) -> str:
    return fetch(Client(), url, language, 404 if url == "/no-such-page/" else 200)


def staff_page(client_as, data, page: tuple[str, str, int], language: str) -> str:
    role, url, status = page
    return fetch(client_as(role), url.format(**data), language, status)


def second_factor_pages(organisation, language: str) -> Iterator[str]:
    enrolling = signed_in_without_second_factor(Role.CASE_MANAGER, organisation, device=False)
    yield fetch(enrolling, "/second-factor/enrol/", language)
    verifying = signed_in_without_second_factor(Role.CASE_MANAGER, organisation, device=True)
    yield fetch(verifying, "/second-factor/", language)


def page_id(page: tuple[str, str, int]) -> str:
    return f"{page[0]}:{page[1]}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_in_cyrillic_has_no_english_labels(url, data):
    page = public_page(url, "sr")
    text = visible_text(page)

    assert '<html lang="sr">' in page
    assert leftovers(text, "en") == []
    assert cyrillic_share(text) >= 0.8


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_in_latin_has_no_english_or_cyrillic_labels(url, data):
    page = public_page(url, "sr-latn")
    text = visible_text(page)

    assert '<html lang="sr-latn">' in page
    assert "Programi obuke" in text
    assert leftovers(text, "en") == []
    assert leftovers(text, "sr") == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", STAFF_PAGES, ids=page_id)
def test_staff_page_in_cyrillic_has_no_english_labels(page, data, client_as):
    html_page = staff_page(client_as, data, page, "sr")
    text = visible_text(html_page)

    assert '<html lang="sr">' in html_page
    assert leftovers(text, "en") == []
    assert cyrillic_share(text) >= 0.7


@pytest.mark.django_db
@pytest.mark.parametrize("page", STAFF_PAGES, ids=page_id)
def test_staff_page_in_latin_has_no_english_or_cyrillic_labels(page, data, client_as):
    html_page = staff_page(client_as, data, page, "sr-latn")
    text = visible_text(html_page)

    assert '<html lang="sr-latn">' in html_page
    assert leftovers(text, "en") == []
    assert leftovers(text, "sr") == []


@pytest.mark.django_db
def test_second_factor_pages_in_cyrillic_have_no_english_labels(organisation):
    for html_page in second_factor_pages(organisation, "sr"):
        text = visible_text(html_page)

        assert leftovers(text, "en") == []
        assert cyrillic_share(text) >= 0.7


@pytest.mark.django_db
def test_second_factor_pages_in_latin_have_no_english_or_cyrillic_labels(organisation):
    for html_page in second_factor_pages(organisation, "sr-latn"):
        text = visible_text(html_page)

        assert leftovers(text, "en") == []
        assert leftovers(text, "sr") == []


@pytest.mark.django_db
def test_english_page_stays_english(data):
    text = visible_text(public_page("/programmes/", "en"))

    assert "Training programmes" in text
    assert cyrillic_share(text) < 0.1


@pytest.mark.django_db
@pytest.mark.parametrize("template", ["enquiry_subject.txt", "enquiry_body.txt"])
def test_enquiry_e_mail_to_a_cyrillic_reader_has_no_english(template):
    enquiry = EnquiryFactory()
    context = {"enquiry": enquiry, "programme_title": "Trgovina ljudima", "link": "https://x.test/"}

    with translation.override("sr"):
        text = render_to_string(f"catalogue/email/{template}", context)

    assert leftovers(text, "en") == []
    assert CYRILLIC.search(text)
