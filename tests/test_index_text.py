"""Normalisation shared by questions and sentences."""

import pytest

from index.text import consonant_key, default_analyzer, fold, folded_words, tokenize


@pytest.fixture(scope="module")
def analyzer():
    return default_analyzer()


def test_tokens_keep_hyphenated_words_numbers_and_scores_whole():
    text = "Российско-азербайджанских консультаций 2020-2022 годов, платформа «3+3», счёт 7:4, Формула-1 и 113-й, М5."
    assert [t.text for t in tokenize(text)] == [
        "Российско-азербайджанских", "консультаций", "2020-2022", "годов", "платформа", "3+3", "счёт", "7:4",
        "Формула-1", "и", "113-й", "М5"]


def test_tokens_carry_their_spans_and_fold_case_and_yo():
    (tok,) = tokenize("  Пятёрка")
    assert (tok.start, tok.end, tok.norm) == (2, 9, "пятерка")
    assert fold("ЁЖ") == "еж"


def test_emoji_and_markup_are_not_tokens():
    assert [t.norm for t in tokenize("<b>Баку</b> 🙂 & *МИД*")] == ["b", "баку", "b", "мид"]


@pytest.mark.parametrize("text, word", [("цены выросли на 10%", "процент"), ("на 3,5 % больше", "процент"),
                                        ("на 16°С выше нормы", "градус"), ("стоит $100", "доллар"), ("5 €", "евро"),
                                        ("300 ₽", "рубль")])
def test_a_sign_stands_for_its_word(analyzer, text, word):
    """«Сколько процентов …?» is asked with the word the article writes as a sign."""
    assert word in analyzer.lemma_list(text)


@pytest.mark.parametrize("a, b", [("10-летнего", "10-летний"), ("десятилетнего", "10-летнему"),
                                  ("трехкомнатную", "3-комнатной"), ("двухэтажный", "2-этажного")])
def test_a_number_compound_in_words_or_digits_shares_a_lemma(analyzer, a, b):
    """«десятилетнего мальчика» in the question, «10-летнего мальчика» in the article."""
    assert set(analyzer.info(a).lemmas) & set(analyzer.info(b).lemmas)


def test_a_word_that_only_starts_like_a_numeral_is_not_a_number_compound(analyzer):
    assert analyzer.info("семинар").lemmas == ("семинар",)


@pytest.mark.parametrize("cyrillic, latin", [("гринпис", "Greenpeace"), ("форбс", "Forbes"), ("йотафон", "YotaPhone"),
                                            ("майкрософт", "Microsoft"), ("вотсап", "WhatsApp"), ("блумберг", "Bloomberg"),
                                            ("твиттер", "Twitter")])
def test_a_name_in_cyrillic_and_in_latin_letters_has_one_consonant_key(cyrillic, latin):
    assert consonant_key(cyrillic) == consonant_key(latin)


def test_different_names_have_different_consonant_keys():
    assert len({consonant_key(w) for w in ("Forbes", "Fortune", "Bloomberg", "Reuters", "Telegram", "Twitter")}) == 6


@pytest.mark.parametrize("a, b", [("Песков", "Пескова"), ("Путин", "Путиным"), ("Алиев", "Алиевым"),
                                  ("россиян", "россиянин"), ("задержали", "задержать"), ("переговорах", "переговоры")])
def test_forms_of_one_word_share_a_lemma(analyzer, a, b):
    assert set(analyzer.info(fold(a)).lemmas) & set(analyzer.info(fold(b)).lemmas)


def test_a_surname_that_is_also_a_common_word_keeps_its_name_reading(analyzer):
    info = analyzer.info("песков")
    assert "песок" in info.lemmas and "песков" in info.lemmas and info.name


@pytest.mark.parametrize("word, head", [("экс-президента", "президент"), ("пресс-секретарь", "секретарь")])
def test_compound_titles_also_index_their_head_word(analyzer, word, head):
    assert head in analyzer.info(word).lemmas


@pytest.mark.parametrize("word, first", [("космонавты-испытатели", "космонавт"), ("премьер-министра", "премьер"),
                                         ("генерал-лейтенанта", "генерал")])
def test_a_compound_of_two_nouns_also_indexes_the_first(analyzer, word, first):
    assert first in analyzer.info(word).lemmas


@pytest.mark.parametrize("word, prefix", [("вице-премьер", "вица"), ("пресс-секретарь", "пресс")])
def test_a_qualifying_first_part_is_not_indexed_as_a_noun(analyzer, word, prefix):
    assert prefix not in analyzer.info(word).lemmas


@pytest.mark.parametrize("word, head", [("заммэра", "мэр"), ("замглавы", "глава"), ("замминистра", "министр")])
def test_a_deputy_is_not_indexed_as_the_head_of_the_office(analyzer, word, head):
    assert head not in analyzer.info(word).lemmas


@pytest.mark.parametrize("word, digits", [("восьмерых", "8"), ("двое", "2"), ("одиннадцать", "11"), ("восьми", "8")])
def test_numerals_in_words_also_count_as_digits(analyzer, word, digits):
    assert digits in analyzer.info(word).lemmas


@pytest.mark.parametrize("word", ["кто", "когда", "что", "в", "и", "такой", "быть", "ли", "сколько",
                                  "нем", "нужна", "примерно", "якобы"])
def test_question_and_grammar_words_do_not_drive_ranking(analyzer, word):
    assert analyzer.info(word).stop


@pytest.mark.parametrize("word", ["баку", "задержать", "2025", "мид", "песков"])
def test_content_words_do(analyzer, word):
    assert not analyzer.info(word).stop


def test_colloquial_forms_are_read_as_the_standard_word(analyzer):
    assert analyzer.info("скока").lemmas == analyzer.info("сколько").lemmas


@pytest.mark.parametrize("colloquial, standard", [("бабла", "денег"), ("тачку", "автомобиль"), ("ментов", "полицейских"),
                                                  ("зарегали", "зарегистрировали"), ("азерами", "азербайджанцами"),
                                                  ("журиков", "журналистов"), ("мидовцы", "дипломаты")])
def test_any_form_of_a_colloquial_word_is_read_as_the_standard_word(analyzer, colloquial, standard):
    assert analyzer.info(colloquial).lemmas[0] == analyzer.info(standard).lemmas[0]


def test_letters_pymorphy3_cannot_name_are_kept_as_written(analyzer):
    info = analyzer.info("a\U00017000")          # Tangut: pymorphy3 raises ValueError on it
    assert info.lemmas == ("a\U00017000",)


@pytest.mark.parametrize("word", ["как-то", "какие-то", "кто-нибудь", "кое-что", "из-за", "во-первых"])
def test_hyphenated_grammar_words_and_indefinite_pronouns_are_stop_words(analyzer, word):
    assert analyzer.info(word).stop


@pytest.mark.parametrize("word", ["пресс-секретарь", "российско-азербайджанских", "экс-президента"])
def test_hyphenated_content_words_are_not_stop_words(analyzer, word):
    assert not analyzer.info(word).stop


@pytest.mark.parametrize("word, lemma", [("сизо", "сизо"), ("дтп", "дтп"), ("егэ", "егэ")])
def test_an_abbreviation_of_a_common_noun_is_a_topic_word_not_a_name(analyzer, word, lemma):
    info = analyzer.info(word)
    assert info.lemmas[0] == lemma and info.common_abbr and not info.name


@pytest.mark.parametrize("word", ["мвд", "мкс", "рф"])
def test_an_abbreviated_organisation_or_country_is_not_a_common_noun(analyzer, word):
    assert not analyzer.info(word).common_abbr


@pytest.mark.parametrize("word", ["наших", "каждый", "другие", "сам"])
def test_pronominal_adjectives_are_stop_words(analyzer, word):
    assert analyzer.info(word).stop


@pytest.mark.parametrize("word, number", [("92-го", "92"), ("аи-92", "92"), ("113-й", "113")])
def test_a_number_with_letters_also_stands_for_the_number(analyzer, word, number):
    assert number in analyzer.info(word).lemmas


@pytest.mark.parametrize("word, lemma", [("нашли", "найти"), ("пришли", "прийти"), ("пошли", "пойти"),
                                         ("перешли", "перейти"), ("нашел", "найти")])
def test_a_past_plural_is_not_read_as_an_imperative_of_a_lookalike_verb(analyzer, word, lemma):
    """«Где нашли рыбу?» is about finding, not about «наслать»."""
    assert analyzer.info(word).lemmas[0] == lemma


@pytest.mark.parametrize("text", ["Девять грузовых вагонов: 35 вагонов сошли, «Су-57», 3+3, 7:4, 12% и 2020-2022",
                                  "Ёлка İstanbul ﬁnal — Ещё"])      # «İ» and «ﬁ» fold longer than written
def test_folded_words_are_the_tokens_folded_forms(text):
    assert folded_words(text) == [tok.norm for tok in tokenize(text)]


def test_thesaurus_phrases_hold_no_word_the_analyser_drops():
    """A thesaurus phrase is matched against text read without grammar words: a word the analyser drops from text
    (a pronoun such as «каждый») must be dropped from the phrase too, else the phrase could never match. Prepositions
    stay («выступить против»)."""
    from index.reading import PHRASE_PRONOUNS, QuestionReader
    from index.thesaurus import Thesaurus
    analyzer = default_analyzer()
    thesaurus = Thesaurus.load(QuestionReader._normalise_phrase_word)
    left = {word for phrase in thesaurus.by_phrase if len(phrase) > 1 for word in phrase
            if analyzer.info(word).stop and analyzer.morph.parse(word)[0].tag.POS != "PREP"}
    assert not left, (left, PHRASE_PRONOUNS)
