//! Language analysis shared by both engines, so that they match the same words and mark the same snippets:
//!
//! - **Words**: split on anything but letters and digits, lowercased, accents folded.
//! - **Stems** (documents): every word of a record's texts under each stemmer of [`STEMMED`] (tantivy's Snowball
//!   stemmers), as extra fields. Records are written in one language but quote others (names, programmes, laws), and a
//!   query may be stemmed with any of the four, so every word carries each of its stems.
//! - **Queries** ([`analyze`]): stop words dropped, each word stemmed with the reader's language (`preferredLanguage`)
//!   or, without one, the language the query is written in (detected among [`STEMMED`], English when unsure), then
//!   the synonyms of `synonyms.txt` added as alternatives of the word or phrase they match.
//! - **Highlights** ([`Highlighter`]): a word of a text is marked when it matches a query word (within its typos, or
//!   as a prefix for the last word) or shares a stem with one.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};

/// The languages with a stemmer (BCP 47 primary subtags).
pub const STEMMED: [&str; 4] = ["en", "fr", "es", "pt"];
/// The languages `preferredLanguage` can rank first: the UN's six official languages and Portuguese.
pub const PREFERABLE: [&str; 7] = ["en", "fr", "es", "pt", "ar", "ru", "zh"];
/// Words longer than this are not indexed (identifiers, URLs).
const LONGEST_WORD: usize = 40;

/// Words dropped from queries (and left out of key terms): each language's function words, and the words of a
/// question that say nothing about its subject ("can", "how do", "est-ce que", "¿cómo pueden…?", "onde posso…"), so
/// that a researcher's question is matched on its subject. A word is dropped whatever the query's language, so a
/// word that carries meaning in another of the four is not listed (English "once" would drop Spanish "once",
/// eleven).
const STOP_WORDS: [(&str, &str); 4] = [
    (
        "en",
        "a an and are as at be by for from has have how in into is it its of on or that the their them these this \
         those to was were what when where which who why will with within without do does can \
         i me my we our you your they he she his her there any some about whether been being am did doing done \
         could would should may might must shall get gets got happen happens happened see find know tell want need",
    ),
    (
        "fr",
        "au aux avec ce ces comment dans de des du elle en et eux il ils la le les leur leurs lui ma mais me mes \
         ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes ton un une vos votre vous \
         est sont été \
         je tu elles quoi quel quelle quels quelles quand pourquoi combien peut peuvent peux pouvons pouvez y a ont \
         être avoir faire fait font il-y-a existe existent trouver savoir voir",
    ),
    (
        "es",
        "a al como con de del el en entre es esta este esto las lo los más o para por que qué se sin sobre su sus \
         un una unos unas y cómo son fue \
         yo tú nosotros ellos ellas cuál cuáles cuándo dónde quién quiénes cuánto cuántos puede pueden puedo podemos \
         hay ser estar está están tiene tienen hacer existe existen encontrar saber ver",
    ),
    (
        "pt",
        "a ao aos as com como da das de do dos e em entre é na nas no nos o os ou para pela pelas pelo pelos por que \
         se sem sua suas seu seus um uma umas uns são foi \
         eu nós eles elas qual quais quando onde quem quanto quantos pode podem posso podemos há existe existem ser \
         estar está estão tem têm fazer encontrar saber ver",
    ),
];

fn base(stem: Option<Language>) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser);
    match stem {
        Some(language) => builder.filter(Stemmer::new(language)).filter(AsciiFoldingFilter).build(),
        None => builder.filter(AsciiFoldingFilter).build(),
    }
}

/// The analyzer of words as the engines index them: lowercased, accents folded.
pub fn analyzer() -> TextAnalyzer {
    base(None)
}

fn stemmer_language(code: &str) -> Option<Language> {
    match code {
        "en" => Some(Language::English),
        "fr" => Some(Language::French),
        "es" => Some(Language::Spanish),
        "pt" => Some(Language::Portuguese),
        _ => None,
    }
}

/// The primary subtag of a BCP 47 tag, lowercased (`pt-BR` → `pt`).
pub fn primary(tag: &str) -> String {
    tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// The tokens of a text with their offsets, by the plain analyzer (`None`) or one stemmer's. The analyzers are built
/// once per thread: building one costs more than analyzing a title.
fn tokens(stemmer: Option<&str>, text: &str) -> Vec<(String, usize, usize)> {
    thread_local! {
        static ANALYZERS: std::cell::RefCell<HashMap<Option<&'static str>, TextAnalyzer>> = Default::default();
    }
    let key = stemmer.and_then(|code| STEMMED.iter().copied().find(|s| *s == code));
    ANALYZERS.with(|analyzers| {
        let mut analyzers = analyzers.borrow_mut();
        let analyzer = analyzers.entry(key).or_insert_with(|| base(key.and_then(stemmer_language)));
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((token.text.clone(), token.offset_from, token.offset_to));
        }
        out
    })
}

/// The words of a text as the engines index them.
pub fn words(text: &str) -> Vec<String> {
    tokens(None, text).into_iter().map(|(word, _, _)| word).collect()
}

/// One stemmer's stem of a word (lowercase, accents folded); the folded word for a language without a stemmer.
pub fn stem(word: &str, language: &str) -> String {
    tokens(Some(language), word).into_iter().map(|(stem, _, _)| stem).collect::<Vec<_>>().concat()
}

/// For every word of a text, in order, its distinct stems under every stemmer.
fn stems_per_word(text: &str) -> Vec<BTreeSet<String>> {
    let streams: Vec<Vec<(String, usize, usize)>> = STEMMED.iter().map(|code| tokens(Some(code), text)).collect();
    let count = streams.first().map_or(0, Vec::len);
    (0..count).map(|i| streams.iter().filter_map(|s| s.get(i).map(|(stem, _, _)| stem.clone())).collect()).collect()
}

/// A text as its stems, for a document's stem fields: each word's distinct stems in the word's place.
/// After them come the one-word forms of every synonym group one of whose phrases the text holds (`atd` for a text
/// about "alternatives to detention"): a one-word query then finds the phrase on both engines, where Meilisearch's
/// multi-word synonyms would need the phrase's words side by side in the stems.
pub fn stems(text: &str) -> String {
    let mut out: Vec<String> = stems_per_word(text).into_iter().flatten().collect();
    out.extend(phrase_synonyms(text));
    out.join(" ")
}

/// Phrases of several words by their first stem: each phrase's stems, with its group's one-word forms.
type PhrasesByFirstStem = HashMap<String, Vec<(Vec<String>, Vec<String>)>>;

/// The one-word synonyms of the phrases a text holds (matched on English stems, stop words left out).
fn phrase_synonyms(text: &str) -> BTreeSet<String> {
    // Each group's phrases of several words, by their first stem, with the group's one-word forms: a text is read
    // once, whatever the size of the glossary.
    static PHRASES: LazyLock<PhrasesByFirstStem> = LazyLock::new(|| {
        let mut phrases = PhrasesByFirstStem::new();
        for group in stemmed_groups("en") {
            let single: Vec<String> =
                group.iter().filter(|form| form.words.len() == 1).flat_map(|form| form.words.clone()).collect();
            if single.is_empty() {
                continue;
            }
            for form in group.iter().filter(|form| form.stems.len() > 1) {
                phrases.entry(form.stems[0].clone()).or_default().push((form.stems.clone(), single.clone()));
            }
        }
        phrases
    });
    let held: Vec<String> = words(text).into_iter().filter(|w| !stop_word(w)).map(|w| stem(&w, "en")).collect();
    let mut found = BTreeSet::new();
    for (i, first) in held.iter().enumerate() {
        for (stems, single) in PHRASES.get(first).into_iter().flatten() {
            if held.get(i..i + stems.len()) == Some(stems.as_slice()) {
                found.extend(single.iter().cloned());
            }
        }
    }
    found
}

/// Whether a folded word is a stop word of any stemmed language.
fn stop_word(word: &str) -> bool {
    static WORDS: LazyLock<BTreeSet<String>> = LazyLock::new(|| stop_words().into_iter().collect());
    WORDS.contains(word)
}

/// The stop words of every stemmed language (folded), for engines that pick key terms.
pub fn stop_words() -> Vec<String> {
    STOP_WORDS.iter().flat_map(|(_, list)| list.split_whitespace()).flat_map(words).collect()
}

/// The language a query is most likely written in, among the stemmed ones; English when there is no telling.
/// Function words decide first: a query holding some of one language's and none of another's is in that language
/// (whatlang reads "detention children" as French; two words are too few for its trigrams). Otherwise whatlang
/// decides, when it is confident.
fn detect(text: &str) -> &'static str {
    use whatlang::{Detector, Lang};
    static DETECTOR: LazyLock<Detector> =
        LazyLock::new(|| Detector::with_allowlist(vec![Lang::Eng, Lang::Fra, Lang::Spa, Lang::Por]));
    static OWN: LazyLock<Vec<(&'static str, BTreeSet<String>)>> = LazyLock::new(|| {
        // Each language's function words that are none of the others'.
        let lists: Vec<(&str, BTreeSet<String>)> =
            STOP_WORDS.iter().map(|(code, list)| (*code, list.split_whitespace().flat_map(words).collect())).collect();
        lists
            .iter()
            .map(|(code, own)| {
                let others: BTreeSet<&String> =
                    lists.iter().filter(|(other, _)| other != code).flat_map(|(_, l)| l).collect();
                (*code, own.iter().filter(|w| !others.contains(w)).cloned().collect())
            })
            .collect()
    });
    let typed = words(text);
    let votes: Vec<(&str, usize)> = OWN
        .iter()
        .map(|(code, own)| (*code, typed.iter().filter(|w| own.contains(*w)).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    if let [(code, _)] = votes.as_slice() {
        return code;
    }
    match DETECTOR.detect(text).filter(|info| info.is_reliable() || votes.len() > 1).map(|info| info.lang()) {
        Some(Lang::Fra) => "fr",
        Some(Lang::Spa) => "es",
        Some(Lang::Por) => "pt",
        _ => "en",
    }
}

/// A way to write one query word or phrase: its words (folded) and their stems in the query's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub words: Vec<String>,
    pub stems: Vec<String>,
}

/// One thing the query asks for: what was typed (the first form) and its synonyms (the others). It matches a record
/// when one of its forms does (every word of that form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub forms: Vec<Form>,
    /// The query's last slot, matched as a prefix (search-as-you-type).
    pub last: bool,
    /// For an acronym the records define (`learned`), the expansion they define it with: engines that cannot take
    /// alternatives in a query's text (Meilisearch) ask for it in the acronym's place.
    pub spelled_out: Option<Form>,
}

impl Slot {
    /// What was typed.
    pub fn typed(&self) -> &Form {
        &self.forms[0]
    }

    /// What an engine that takes no alternatives in a query's text is asked for: the expansion of a learned acronym,
    /// else what was typed.
    pub fn asked(&self) -> &Form {
        self.spelled_out.as_ref().unwrap_or(self.typed())
    }
}

/// A query as the engines take it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analyzed {
    /// In the query's order.
    pub slots: Vec<Slot>,
    /// The stemmer used (a member of [`STEMMED`]).
    pub language: &'static str,
}

impl Analyzed {
    /// What an engine that matches stems itself is asked for, slot by slot in the query's order: each slot's
    /// `Slot::asked` stems, joined by spaces.
    pub fn asked(&self) -> Vec<String> {
        self.slots.iter().map(|slot| slot.asked().stems.join(" ")).collect()
    }
}

/// The synonym groups: those of `synonyms.txt`, then the concepts of `glossary.txt` (each line one group of all its
/// languages' terms), as phrases of folded words without stop words.
fn synonym_groups() -> &'static [Vec<Vec<String>>] {
    static GROUPS: LazyLock<Vec<Vec<Vec<String>>>> = LazyLock::new(|| {
        let lines =
            |file: &'static str| file.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#'));
        let glossary = lines(include_str!("glossary.txt")).map(|line| {
            // `en: a, b | fr: c`: the language labels go, the terms of every language stay.
            line.split('|')
                .map(|part| part.split_once(':').map_or(part, |(_, terms)| terms))
                .collect::<Vec<_>>()
                .join(",")
        });
        lines(include_str!("synonyms.txt"))
            .map(str::to_string)
            .chain(glossary)
            .map(|line| {
                let mut group: Vec<Vec<String>> = Vec::new();
                for phrase in line.split(',') {
                    let phrase: Vec<String> = words(phrase).into_iter().filter(|w| !stop_word(w)).collect();
                    if !phrase.is_empty() && !group.contains(&phrase) {
                        group.push(phrase);
                    }
                }
                group
            })
            .filter(|group| group.len() > 1)
            .collect()
    });
    &GROUPS
}

fn form(words: &[String], language: &str) -> Form {
    Form { words: words.to_vec(), stems: words.iter().map(|w| stem(w, language)).collect() }
}

/// The synonym groups as forms under one stemmer (computed once per stemmer).
fn stemmed_groups(language: &str) -> &'static [Vec<Form>] {
    static GROUPS: LazyLock<HashMap<&'static str, Vec<Vec<Form>>>> = LazyLock::new(|| {
        STEMMED
            .iter()
            .map(|code| {
                let groups = synonym_groups().iter().map(|g| g.iter().map(|p| form(p, code)).collect()).collect();
                (*code, groups)
            })
            .collect()
    });
    GROUPS.get(language).map_or(&[], Vec::as_slice)
}

/// For Meilisearch's `synonyms` setting: every form of every group under every stemmer (stems joined by spaces),
/// each with the other forms of its group.
pub fn synonym_table() -> HashMap<String, Vec<String>> {
    let mut table: HashMap<String, BTreeSet<String>> = HashMap::new();
    for group in synonym_groups() {
        let forms: BTreeSet<String> = group
            .iter()
            .flat_map(|phrase| STEMMED.iter().map(move |code| form(phrase, code).stems.join(" ")))
            .collect();
        for key in &forms {
            table.entry(key.clone()).or_default().extend(forms.iter().filter(|f| *f != key).cloned());
        }
    }
    table.into_iter().map(|(key, values)| (key, values.into_iter().collect())).collect()
}

/// Acronyms the records define, folded (`ofw`), with the expansions they define them with (folded words joined by
/// spaces: `overseas filipino workers`).
pub type Learned = HashMap<String, Vec<String>>;

/// The acronym a typed word may be, as [`definitions`] stores it: itself, and without a plural `s`.
pub fn acronym_keys(word: &str) -> Vec<String> {
    let mut keys = vec![word.to_string()];
    if let Some(singular) = word.strip_suffix('s').filter(|rest| rest.chars().count() >= 2) {
        keys.push(singular.to_string());
    }
    keys
}

/// Analyzes a query: `preferred` is the reader's language (a BCP 47 tag), if any.
pub fn analyze(text: &str, preferred: Option<&str>) -> Analyzed {
    analyze_with(text, preferred, &Learned::new())
}

/// Analyzes a query knowing the acronyms the records define: a word that is one of them also matches its
/// expansions, as synonyms.
pub fn analyze_with(text: &str, preferred: Option<&str>, learned: &Learned) -> Analyzed {
    let all = words(text);
    let kept: Vec<String> = all.iter().filter(|w| !stop_word(w)).cloned().collect();
    // A query of stop words only ("the who") is taken as it is.
    let kept = if kept.is_empty() { all } else { kept };
    if kept.is_empty() {
        return Analyzed { slots: Vec::new(), language: "en" };
    }
    let language = preferred
        .map(primary)
        .and_then(|code| STEMMED.iter().copied().find(|s| *s == code))
        .unwrap_or_else(|| detect(text));
    let stems: Vec<String> = kept.iter().map(|w| stem(w, language)).collect();
    let groups = stemmed_groups(language);
    let mut slots = Vec::new();
    let mut i = 0;
    while i < kept.len() {
        // The longest synonym phrase starting here, by stems; every group holding a phrase that long adds its forms.
        let matching = |f: &Form| stems.get(i..i + f.stems.len()) == Some(f.stems.as_slice());
        let length = groups.iter().flatten().filter(|f| matching(f)).map(|f| f.stems.len()).max().unwrap_or(1);
        let typed = Form { words: kept[i..i + length].to_vec(), stems: stems[i..i + length].to_vec() };
        let mut forms = vec![typed];
        for group in groups.iter().filter(|g| g.iter().any(|f| f.stems.len() == length && matching(f))) {
            for other in group {
                if !forms.iter().any(|f| f.stems == other.stems) {
                    forms.push(other.clone());
                }
            }
        }
        let mut spelled_out = None;
        if length == 1 {
            let expansions = acronym_keys(&kept[i]).into_iter().filter_map(|key| learned.get(&key)).flatten();
            for expansion in expansions {
                let words: Vec<String> = words(expansion).into_iter().filter(|w| !stop_word(w)).collect();
                if words.is_empty() {
                    continue;
                }
                let spelled = form(&words, language);
                spelled_out.get_or_insert_with(|| spelled.clone());
                if !forms.iter().any(|f| f.stems == spelled.stems) {
                    forms.push(spelled);
                }
            }
        }
        i += length;
        slots.push(Slot { forms, last: i == kept.len(), spelled_out });
    }
    Analyzed { slots, language }
}

/// The acronyms a text defines, folded, each with its expansion (folded words joined by spaces): "overseas Filipino
/// workers (OFWs)" and "OFW (overseas Filipino workers)" both teach `ofw` → `overseas filipino workers`. An acronym is
/// one word of 2 to 8 letters with at least two capitals (a plural `s` and lowercase letters such as MoU's `o`
/// allowed); its expansion is the words beside it whose initials spell it, in order, function words allowed between
/// them ("alternatives to detention (ATD)").
pub fn definitions(text: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let (before, inside) = (&rest[..open], &rest[open + 1..close]);
        let before_words: Vec<&str> = before.split_whitespace().collect();
        // "expansion (ACR)": the words before the parenthesis, read backwards.
        if let Some(letters) = acronym_letters(inside.trim()) {
            let tail: Vec<String> = words(&before_words[before_words.len().saturating_sub(20)..].join(" "));
            if let Some(expansion) = spelled_by(&letters, tail.iter().rev(), true) {
                found.push((letters.clone(), expansion.into_iter().rev().cloned().collect::<Vec<_>>().join(" ")));
            }
        }
        // "ACR (expansion)": the acronym just before the parenthesis, the words inside read forwards.
        if let Some(letters) =
            before_words.last().and_then(|raw| acronym_letters(raw.trim_matches(|c: char| !c.is_alphanumeric())))
        {
            let inside = words(inside);
            if let Some(expansion) = spelled_by(&letters, inside.iter(), false).filter(|e| e.len() == inside.len()) {
                found.push((letters, expansion.into_iter().cloned().collect::<Vec<_>>().join(" ")));
            }
        }
        rest = &rest[close + 1..];
    }
    found.sort();
    found.dedup();
    found
}

/// The letters an acronym spells (folded, without a plural `s`), when the raw word is one.
fn acronym_letters(raw: &str) -> Option<String> {
    let length = raw.chars().count();
    let capitals = raw.chars().filter(char::is_ascii_uppercase).count();
    if !(2..=9).contains(&length) || capitals < 2 || !raw.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let letters = raw.strip_suffix('s').filter(|_| length > 2).unwrap_or(raw);
    (letters.chars().count() <= 8).then(|| letters.to_ascii_lowercase())
}

/// The words, read away from the acronym (`backwards` when they come before it), whose initials spell `letters` from
/// the side nearest the acronym, function words allowed between them; `None` when they do not.
fn spelled_by<'a>(letters: &str, words: impl Iterator<Item = &'a String>, backwards: bool) -> Option<Vec<&'a String>> {
    let mut letters: Vec<char> = letters.chars().collect();
    if backwards {
        letters.reverse();
    }
    let mut letters = letters.into_iter().peekable();
    let mut taken = Vec::new();
    for word in words {
        let Some(next) = letters.peek() else { break };
        if word.starts_with(*next) {
            letters.next();
            taken.push(word);
        } else if stop_word(word) && !taken.is_empty() {
            taken.push(word);
        } else {
            return None;
        }
    }
    letters.peek().is_none().then_some(taken)
}

/// The words that say most about a record, as stems of its language: frequent in its title (counting thrice),
/// summary (twice) and texts, stop words and words under three letters left out; at most `n`, best first.
pub fn key_terms(document: &super::SearchDocument, n: usize) -> Vec<String> {
    let code = primary(&document.language);
    let code = STEMMED.iter().copied().find(|s| *s == code).unwrap_or("en");
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (text, weight) in [(&document.title, 3), (&document.summary, 2), (&document.body, 1)] {
        for word in words(text) {
            if word.chars().count() >= 3 && !stop_word(&word) {
                *counts.entry(stem(&word, code)).or_default() += weight;
            }
        }
    }
    let mut terms: Vec<(String, usize)> = counts.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.into_iter().take(n).map(|(term, _)| term).collect()
}

/// Typos forgiven in a word, as Meilisearch does by default: none up to 4 letters, one up to 8, then two.
pub fn typos(word: &str) -> u8 {
    match word.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether an indexed word matches a query word: exactly, within its typos, or (`prefix`) as a prefix.
pub fn matches(token: &str, word: &str, prefix: bool) -> bool {
    if token == word || usize::from(typos(word)) >= strsim::osa_distance(token, word) {
        return true;
    }
    // A prefix within the word's typos: a prefix of the token as long as the word, give or take those typos.
    let length = word.chars().count();
    let allowed = usize::from(typos(word));
    prefix
        && (length.saturating_sub(allowed)..=length + allowed).any(|n| {
            let end = token.char_indices().nth(n).map_or(token.len(), |(end, _)| end);
            (n <= token.chars().count()) && strsim::osa_distance(&token[..end], word) <= allowed
        })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Whether a word of a text (folded, with its stems) matches the query.
/// Typos and prefixes are forgiven on what was typed; synonyms and translations are marked as they are (or share a
/// stem), which also keeps a page's highlights cheap when the glossary gives a word many of them.
fn marked(word: &str, stems: &BTreeSet<String>, query: &Analyzed) -> bool {
    query.slots.iter().any(|slot| {
        slot.forms.iter().enumerate().any(|(i, form)| {
            if i > 0 {
                return form.words.iter().any(|w| w == word) || form.stems.iter().any(|s| stems.contains(s));
            }
            let last = slot.last && form.words.len() == 1;
            form.words.iter().any(|w| matches(word, w, last))
                || form.stems.iter().any(|s| stems.contains(s) || (last && stems.iter().any(|t| matches(t, s, true))))
        })
    })
}

/// Marks a query's words in texts: built once per query and used for every snippet of its page, it decides each
/// distinct word once. A page repeats most of its words, and deciding one (stemming it four ways, measuring its
/// distance to every typed word) costs far more than looking it up: it was a fifth of a search's CPU on Meilisearch.
pub struct Highlighter<'q> {
    query: &'q Analyzed,
    /// The first two letters of everything the query holds: only words that begin like one of them are stemmed and
    /// measured (a stem keeps the start of its word).
    starts: HashSet<String>,
    /// Each word met so far (folded), and whether it is marked.
    decided: HashMap<String, bool>,
}

impl<'q> Highlighter<'q> {
    pub fn new(query: &'q Analyzed) -> Self {
        let starts = query
            .slots
            .iter()
            .flat_map(|slot| &slot.forms)
            .flat_map(|form| form.words.iter().chain(&form.stems))
            .map(|w| w.chars().take(2).collect())
            .collect();
        Highlighter { query, starts, decided: HashMap::new() }
    }

    /// Whether a word of a text (folded) matches the query.
    fn marks(&mut self, word: &str) -> bool {
        if let Some(&marks) = self.decided.get(word) {
            return marks;
        }
        let start: String = word.chars().take(2).collect();
        let marks = self.starts.contains(&start) && {
            let stems: BTreeSet<String> = STEMMED.iter().map(|code| stem(word, code)).collect();
            marked(word, &stems, self.query)
        };
        self.decided.insert(word.to_string(), marks);
        marks
    }

    /// `text` with the words that match the query wrapped in `<em>`, everything else HTML-escaped, cropped to about
    /// `words_around` words around the first match; `None` when nothing matches.
    pub fn highlight(&mut self, text: &str, words_around: usize) -> Option<String> {
        if self.query.slots.is_empty() {
            return None;
        }
        let tokens = tokens(None, text);
        let spans: Vec<(usize, usize, usize)> = tokens
            .iter()
            .enumerate()
            .filter(|(_, (word, _, _))| self.marks(word))
            .map(|(i, (_, from, to))| (i, *from, *to))
            .collect();
        let first = spans.first()?.0;
        let start_token = first.saturating_sub(words_around / 3);
        let end_token = (start_token + words_around).min(tokens.len());
        let start = if start_token == 0 { 0 } else { tokens[start_token].1 };
        let end = if end_token >= tokens.len() { text.len() } else { tokens[end_token - 1].2 };
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut cursor = start;
        for (_, from, to) in spans.iter().filter(|(_, from, to)| *from >= start && *to <= end) {
            out.push_str(&escape(&text[cursor..*from]));
            out.push_str("<em>");
            out.push_str(&escape(&text[*from..*to]));
            out.push_str("</em>");
            cursor = *to;
        }
        out.push_str(&escape(&text[cursor..end]));
        if end < text.len() {
            out.push('…');
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_word_forms() {
        assert_eq!(stem("programmes", "en"), stem("programme", "en"));
        assert_eq!(stem("détenues", "fr"), stem("détenu", "fr"));
        assert_eq!(stem("migrantes", "es"), stem("migrante", "es"));
        assert_eq!(stem("regularizações", "pt"), stem("regularização", "pt"));
        // Every word carries each stemmer's stem, in its place.
        let stems = stems("Régularisation des migrants");
        assert!(stems.contains("regularis") && stems.contains("migrant"), "{stems}");
        // A text holding a synonym phrase also holds the group's one-word forms.
        assert!(super::stems("Alternatives to detention for children").split(' ').any(|w| w == "atd"));
        assert!(!super::stems("Detention of children").split(' ').any(|w| w == "atd"));
    }

    #[test]
    fn queries_drop_stop_words_and_gain_synonyms() {
        let query = analyze("alternatives to detention for children", None);
        assert_eq!(query.language, "en");
        assert_eq!(query.slots.len(), 2, "{query:?}");
        assert!(query.slots[0].forms.iter().any(|f| f.words == ["atd"]), "the phrase is one slot with its acronym");
        assert!(query.slots[1].last);
        // Three words without a function word are too few to tell French by; the glossary's forms are stemmed as the
        // query is, so they meet whatever the language.
        let french = analyze("assistance juridique gratuite", None);
        assert!(french.slots[0].forms.iter().any(|f| f.words == ["legal", "aid"]), "the glossary translates phrases");
        assert!(french.slots[1].forms.iter().any(|f| f.words == ["free"]));
        assert_eq!(analyze("detention children", None).language, "en", "function words or English decide");
        let question = analyze("can migrants see a doctor without being reported", None);
        let typed: Vec<&str> = question.slots.iter().map(|s| s.typed().words[0].as_str()).collect();
        assert_eq!(typed, ["migrants", "doctor", "reported"], "question words go");
        assert_eq!(analyze("¿cómo pueden los migrantes encontrar trabajo?", None).language, "es");
        let spelling = analyze("regularisation", None);
        assert!(spelling.slots[0].forms.iter().any(|f| f.words == ["regularization"]));
        let french = analyze("la détention des enfants migrants", None);
        assert_eq!(french.language, "fr");
        assert_eq!(french.slots.len(), 3);
        assert!(french.slots[0].forms.iter().any(|f| f.words == ["detention"]), "and words");
        assert_eq!(analyze("detention", Some("es-MX")).language, "es");
        assert_eq!(analyze("the", None).slots.len(), 1, "a query of stop words only is kept");
        assert!(analyze("  ", None).slots.is_empty());
    }

    #[test]
    fn acronyms_are_learned_from_their_definitions() {
        let text = "Pre-departure seminars for overseas Filipino workers (OFWs). Thailand signed memoranda of \
                    understanding (MoUs) and an MoU (memorandum of understanding); alternatives to detention (ATD). \
                    NRM (national referral mechanism). Not these: the law (2019), COVID-19 (pandemic), people (IDP), \
                    a (BIG) word, the Organic Law on Human Mobility (LOMH).";
        let learned = definitions(text);
        let pairs: Vec<(&str, &str)> = learned.iter().map(|(a, e)| (a.as_str(), e.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("atd", "alternatives to detention"),
                ("mou", "memoranda of understanding"),
                ("mou", "memorandum of understanding"),
                ("nrm", "national referral mechanism"),
                ("ofw", "overseas filipino workers"),
            ]
        );
        let learned: Learned = [("ofw".to_string(), vec!["overseas filipino workers".to_string()])].into();
        let query = analyze_with("OFWs seminars", None, &learned);
        assert!(query.slots[0].forms.iter().any(|f| f.stems == ["oversea", "filipino", "worker"]), "{query:?}");
        assert_eq!(query.asked(), ["oversea filipino worker", "seminar"], "spelled out for Meilisearch");
        assert_eq!(analyze("OFWs seminars", None).asked(), ["ofw", "seminar"]);
    }

    #[test]
    fn synonym_table_maps_every_form_to_the_others() {
        let table = synonym_table();
        let atd = table.get("atd").unwrap();
        assert!(atd.iter().any(|f| f.starts_with("altern")), "{atd:?}");
        assert!(table.get(&stem("labour", "en")).unwrap().contains(&stem("labor", "en")));
    }

    #[test]
    fn typos_and_prefixes_match_like_meilisearch() {
        assert!(matches("detention", "detension", false), "one typo in a long word");
        assert!(!matches("cat", "car", false), "no typo in a short word");
        assert!(matches("migrants", "migr", true), "prefix of the last word");
        assert!(!matches("migrants", "migr", false), "only the last word is a prefix");
        assert!(matches("reintegration", "reintefr", true), "a typo inside the prefix");
        assert!(!matches("reintegration", "reintefr", false), "but not as a whole word");
    }

    #[test]
    fn highlights_escape_crop_and_follow_stems() {
        let highlight =
            |text: &str, query: &str, around| Highlighter::new(&analyze(query, None)).highlight(text, around);
        let text = "Alternatives to <detention> for children & families";
        assert_eq!(
            highlight(text, "detension", 60).as_deref(),
            Some("Alternatives to &lt;<em>detention</em>&gt; for children &amp; families")
        );
        assert_eq!(highlight(text, "nothing", 60), None);
        let marked = highlight("Programmes for families", "programme family", 60).unwrap();
        assert_eq!(marked, "<em>Programmes</em> for <em>families</em>");
        let long = "word ".repeat(100) + "detention " + &"word ".repeat(100);
        let snippet = highlight(&long, "detension", 30).unwrap();
        assert!(snippet.starts_with('…') && snippet.ends_with('…') && snippet.contains("<em>detention</em>"));
    }

    #[test]
    fn a_highlighter_decides_each_word_once_and_alike_in_every_text() {
        let query = analyze("detention of migrant children", None);
        let mut highlighter = Highlighter::new(&query);
        let first = highlighter.highlight("Children in detention: migrants' children", 60).unwrap();
        assert_eq!(first, "<em>Children</em> in <em>detention</em>: <em>migrants</em>' <em>children</em>");
        let decided = highlighter.decided.len();
        assert_eq!(decided, 4, "one decision per distinct word: {:?}", highlighter.decided);
        // The same words in another text are looked up, and marked as before; new words are decided.
        let second = highlighter.highlight("Detention of children, and schooling", 60).unwrap();
        assert_eq!(second, "<em>Detention</em> of <em>children</em>, and schooling");
        assert_eq!(highlighter.decided.len(), decided + 3, "of, and, schooling");
        assert_eq!(highlighter.highlight("Schooling and housing", 60), None);
    }
}
