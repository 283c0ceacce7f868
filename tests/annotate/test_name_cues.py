"""People named by titles, leader nouns and reporting verbs."""

from __future__ import annotations

import pytest

from articles.annotate.name_cues import find_cued_people, find_named_people


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Presiden Joko Widodo meresmikan jalan.", ["Joko Widodo"]),
        ("Presiden Terpilih Joko Widodo hadir.", ["Joko Widodo"]),
        ("Perdana Menteri Lee Hsien Loong tiba.", ["Lee Hsien Loong"]),
        ("rezim Basyar Asad menolak.", ["Basyar Asad"]),
        ("rezim Moamer Kadhafi runtuh pada 2011.", ["Moamer Kadhafi"]),
        ("penguasa Liga Inggris itu menang lagi.", []),  # `penguasa`: a leader or a leading team
        ("Itu benar, kata Anies Baswedan kepada wartawan.", ["Anies Baswedan"]),
        ("Novosti mengutip Putin mengatakan bahwa perang usai.", ["Putin"]),
        ('"We will win," said Boris Johnson.', ["Boris Johnson"]),
        ("Gen. Mark Milley said the war was over.", ["Mark Milley"]),
        ("Hal itu benar, kata Putin Senin.", ["Putin"]),
        ("Itu benar, kata Menko Polhukam Djoko Suyanto.", []),
        ("Itu benar, kata Kantor Meteorologi Islandia.", []),
        ("mantan Wakil Presiden RI sekaligus", []),
        ("Itu benar, kata dia.", []),
        ("Hal itu, kata Anda, benar.", []),  # the polite "you" is capitalised, no name
        ("Ibu Kota Jakarta macet.", []),
        ("sidang terdakwa Sjahril Djohan di Pengadilan", ["Sjahril Djohan"]),
        ("menurut kuasa hukum Budi Santoso, itu salah", ["Budi Santoso"]),
        ("Warga bernama Sutrisno (37) ditemukan", ["Sutrisno"]),
        ("Korban Sutrisno ( 45 ) ditemukan", ["Sutrisno"]),
        ("diatur dalam Pasal 12 Ayat (4) undang-undang itu", []),
        ("sesuai Instruksi Presiden Nomor 7 tahun 2020", []),
    ],
)
def test_it_finds_names_after_titles_leader_nouns_and_reporting_verbs(text, names):
    assert [text[start:end] for start, end in find_named_people(text, 0, len(text))] == names


def test_it_searches_only_inside_the_given_bounds():
    text = "kata Putin. kata Asad."
    assert find_named_people(text, 12, len(text)) == [(17, 21)]


def test_a_country_between_a_title_and_a_name_leaves_a_strong_cue():
    text = "ujar Perdana Menteri Norwegia , Erna Solberg , kemarin. Presiden Sinar Pagi datang."
    found = {text[start:end]: titled for start, end, titled in find_cued_people(text, 0, len(text))}
    assert found == {"Norwegia": True, "Erna Solberg": False, "Sinar Pagi": True}


def test_a_title_and_a_place_that_is_no_country_name_no_one_after_the_comma():
    text = "kata Presiden Bank Sentosa , Budi Hartono hadir."
    assert "Budi Hartono" not in [text[s:e] for s, e in find_named_people(text, 0, len(text))]


def test_a_rank_names_a_person_an_office_may_name_its_place():
    text = "kata Brigjen Hendra Wiguna. Lalu Presiden Lembah Hijau datang."
    found = {text[start:end]: titled for start, end, titled in find_cued_people(text, 0, len(text))}
    assert found == {"Hendra Wiguna": False, "Lembah Hijau": True}
