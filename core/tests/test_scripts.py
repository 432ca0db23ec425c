import pytest

from core.scripts import normalise_for_search, to_cyrillic, to_latin


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Putokaz", "Путоказ"),
        ("ljubav njiva džep", "љубав њива џеп"),
        ("Ljubav Njegoš Džungla", "Љубав Његош Џунгла"),
        ("LJubav NJiva DŽep", "Љубав Њива Џеп"),
        ("Đorđe Šćepanović, Čačak, Žabalj", "Ђорђе Шћепановић, Чачак, Жабаљ"),
        ("nadživeti, konjugacija, injekcija", "надживети, конјугација, инјекција"),
        ("obuka 2024. godine", "обука 2024. године"),
    ],
)
def test_serbian_latin_becomes_cyrillic_letter_for_letter(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zdravo %(name)s!", "Здраво %(name)s!"),
        ("Imate %d poruka i %s zahteva, 100%% tačno", "Имате %d порука и %s захтева, 100%% тачно"),
        ("Obuka {title} počinje {0}", "Обука {title} почиње {0}"),
        ("Zdravo {{ user.first_name }}", "Здраво {{ user.first_name }}"),
        ('Vidi {% url "core:login" %} ovde', 'Види {% url "core:login" %} овде'),
        (
            '<a href="/programi/" class="link">programi</a>',
            '<a href="/programi/" class="link">програми</a>',
        ),
        ("Ana &amp; Marko&nbsp;ovde &#8212; kraj", "Ана &amp; Марко&nbsp;овде &#8212; крај"),
        (
            "Pišite na info@astra.rs ili posetite https://astra.rs/o-nama.",
            "Пишите на info@astra.rs или посетите https://astra.rs/o-nama.",
        ),
        ("Sajt www.astra.rs radi", "Сајт www.astra.rs ради"),
    ],
)
def test_placeholders_markup_and_addresses_stay_untouched(text, expected):
    assert to_cyrillic(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOS linija", "SOS линија"),
        ("QR kod i TOTP", "QR код и TOTP"),
        ("HTCDS, CSV, PDF i XLSX izvoz", "HTCDS, CSV, PDF и XLSX извоз"),
        ("pošaljite e-mail", "пошаљите e-mail"),
        ("SOS-linija", "SOS-линија"),
        ("Wi-Fi, Excel, Word, taxi", "Wi-Fi, Excel, Word, taxi"),
        ("A i B", "А и Б"),
    ],
)
def test_acronyms_and_words_with_q_w_x_y_stay_latin(text, expected):
    assert to_cyrillic(text) == expected


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Путоказ", "Putokaz"),
        ("Љубав Његош Џунгла", "Ljubav Njegoš Džungla"),
        ("ЉУБАВ ЊИВА ЏЕП", "LJUBAV NJIVA DŽEP"),
        ("Ђорђе Шћепановић, Чачак, Жабаљ", "Đorđe Šćepanović, Čačak, Žabalj"),
        ("Љ", "Lj"),
        ("Здраво %(name)s, <b>SOS</b>", "Zdravo %(name)s, <b>SOS</b>"),
    ],
)
def test_serbian_cyrillic_becomes_latin(cyrillic, latin):
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    "text",
    ["Ljubav, njiva i džep", "Đorđe Šćepanović iz Čačka", "Obuka za NJIH i ZA LJUDE"],
)
def test_latin_survives_a_round_trip_through_cyrillic(text):
    assert to_latin(to_cyrillic(text)) == text


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Đorđević", "Djordjevic"),
        ("Đorđević", "Ђорђевић"),
        ("Đorđević", "DJORDJEVIC"),
        ("Đorđević", "djordjević"),
        ("Ђорђевић", "DJORDJEVIC"),
        ("Džana Šljivić", "Џана Шљивић"),
        ("Džana Šljivić", "Dzana Sljivic"),
        ("Čolić Ćosić", "Colic Cosic"),
        ("Žarko", "ЖАРКО"),
        ("  Marko   Marković ", "Marko Marković"),
        ("Marko\tMarković", "марко марковић"),
        ("José", "Jose"),
    ],
)
def test_search_key_is_the_same_in_either_script_with_or_without_diacritics(one, other):
    assert normalise_for_search(one) == normalise_for_search(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Đorđević", "Dorđević"), ("Marko", "Mirko"), ("Čolić", "Colin")],
)
def test_search_key_still_tells_different_names_apart(one, other):
    assert normalise_for_search(one) != normalise_for_search(other)


def test_search_key_is_lowercase_plain_latin():
    assert normalise_for_search("  Ђорђе   ШЋЕПАНОВИЋ ") == "djordje scepanovic"
