//! The agency dictionary (`patterns/agencies.tsv` with the abbreviations of
//! `patterns/agency_abbreviations.tsv`): names and aliases -> agency keys.
//!
//! API shared by the targets and assignments extractors:
//! [`AgencyDict::find_all`] returns every agency named in a text, longest match
//! first, with byte offsets into that text and the name as written;
//! [`AgencyDict::find_bodies`] also returns the bodies the dictionary knows but
//! that have no SPEC key, with their level and whether they are only ever
//! asked (`requested`).
//!
//! Matching works on [`words`]: the text is folded (lowercase, NFC, as
//! [`crate::normalize::fold()`] does, letter by letter so decomposed input keeps
//! its own byte offsets) and tone marks are dropped (which makes tone placement
//! moot — `Toà`/`Tòa` — and lets the typo "Thế thao" find "Thể thao"); it is
//! cut into words at every non-letter,
//! non-digit character (hyphens, `&`, commas, spaces of any count), the word
//! "và" is dropped, and abbreviations are expanded (`LĐ-TB&XH` -> the words of
//! "Lao động - Thương binh và Xã hội"). Every word keeps the byte range it came
//! from, so a match maps back to the original text. A [`PhraseSet`] of the
//! aliases' words finds all candidates, word by word; the longest win.

use rustc_hash::{FxHashMap, FxHashSet};

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::normalize::fold;
use crate::patterns::{Table, TableError};

/// One agency named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyMatch {
    /// Agency key of SPEC.md (`labour_social_affairs`, `police` ...).
    pub key: String,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// The name as written in the text.
    pub name: String,
    /// `national`, `province`, `district`, `commune` or empty, where the form
    /// shows it.
    pub level: String,
}

/// One body named in a text: like [`AgencyMatch`], but `key` is `None` for a
/// body the dictionary knows without a SPEC key (row key `-`); key and level
/// are borrowed from the dictionary, and the name as written is
/// [`BodyMatch::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyMatch<'d> {
    pub key: Option<&'d str>,
    pub start: usize,
    pub end: usize,
    pub level: &'d str,
    /// A body a People's Committee can only ask (courts, procuracies, the
    /// Fatherland Front, mass organisations).
    pub requested: bool,
}

impl BodyMatch<'_> {
    /// The name as written in `text`, the text searched.
    pub fn name<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// One word of a text as matched: the byte range of the original text it
/// stands for (an abbreviation's expansion words all stand for the
/// abbreviation), and where its folded, toneless spelling is kept in the
/// [`Words`] it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// The spelling: `buf[at..at + len]` of its [`Words`] (`len` in `tag`).
    at: u32,
    /// [`word_hash`] of the spelling, worked out when the word is cut.
    hash: u64,
    /// The spelling's length, punctuation, case and marks ([`Word::punct`],
    /// [`Word::upper`], [`Word::marks`]).
    tag: Tag,
}

impl Word {
    /// The original word starts with an uppercase letter.
    #[inline(always)]
    pub fn upper(&self) -> bool {
        self.tag.upper()
    }

    /// The char itself for kept punctuation (`, ; . : ( )`), else 0.
    #[inline(always)]
    pub fn punct(&self) -> u8 {
        self.tag.punct()
    }

    /// Bit `i` set: the word's hash is in the `i`-th [`WordBits`] of the
    /// [`WordCache`] that cut it, the one [`Words`] names in `marked`
    /// (every word of it then has its bits; other words have none).
    #[inline(always)]
    fn marks(&self) -> u8 {
        self.tag.marks()
    }
}

/// The fields of a [`Word`] its [`WordCache`] slot gives it, in one 8-byte
/// value that a found word copies whole (one load and one store, not one
/// a field): the spelling's length (bits 0..32), the punctuation char
/// (32..40), the case (bit 40), the marks (48..56); in a slot also whether
/// the word is dropped (bit 56, never set in a [`Word`]'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Tag(u64);

impl Tag {
    const UPPER: u64 = 1 << 40;
    const DROPPED: u64 = 1 << 56;

    #[inline(always)]
    fn new(len: u32, punct: u8, upper: bool, marks: u8) -> Tag {
        Tag(u64::from(len)
            | u64::from(punct) << 32
            | u64::from(upper) << 40
            | u64::from(marks) << 48)
    }

    #[inline(always)]
    fn len(self) -> u32 {
        self.0 as u32
    }

    #[inline(always)]
    fn punct(self) -> u8 {
        (self.0 >> 32) as u8
    }

    #[inline(always)]
    fn upper(self) -> bool {
        self.0 & Tag::UPPER != 0
    }

    #[inline(always)]
    fn marks(self) -> u8 {
        (self.0 >> 48) as u8
    }

    #[inline(always)]
    fn dropped(self) -> bool {
        self.0 & Tag::DROPPED != 0
    }
}

/// The words of a text: the [`Word`]s, and one buffer holding all their
/// spellings (UTF-8), so cutting a text allocates twice, not once per word.
#[derive(Debug, Clone, Default)]
pub struct Words {
    buf: Vec<u8>,
    list: Vec<Word>,
    /// The [`WordBits::id`] whose answers the words' `marks` bits hold,
    /// by bit; 0: none.
    marked: [u64; 2],
}

impl Words {
    /// Whether the spelling of `w` (a word of these words) has more than
    /// one char.
    pub fn has_chars_after_first(&self, w: &Word) -> bool {
        let b = self.spelling(w);
        let first = match b.first() {
            Some(0xF0..) => 4,
            Some(0xE0..) => 3,
            Some(0xC0..) => 2,
            _ => 1,
        };
        b.len() > first
    }

    /// Whether the spelling of `w` (a word of these words) is all ASCII
    /// digits.
    pub fn is_digits(&self, w: &Word) -> bool {
        self.spelling(w).iter().all(u8::is_ascii_digit)
    }

    /// The spelling of `w`, a word of these words (of a sub-slice of them),
    /// as UTF-8 bytes.
    pub fn spelling(&self, w: &Word) -> &[u8] {
        self.buf
            .get(w.at as usize..w.at as usize + w.tag.len() as usize)
            .unwrap_or(&[])
    }

    /// The spelling of `w`, a word of these words (of a sub-slice of them).
    pub fn text(&self, w: &Word) -> &str {
        std::str::from_utf8(self.spelling(w)).unwrap_or("")
    }

    /// The bytes the buffers hold (their capacity).
    pub fn retained_bytes(&self) -> usize {
        self.buf.capacity() + self.list.capacity() * std::mem::size_of::<Word>()
    }

    /// The spellings, in order.
    pub fn texts(&self) -> Vec<String> {
        self.list.iter().map(|w| self.text(w).to_string()).collect()
    }

    /// [`Words::mark_of`] the first words of `set`.
    #[cfg(test)]
    pub(crate) fn mark_of_phrases(&self, set: &PhraseSet) -> Option<u8> {
        self.mark_of(&set.first)
    }

    /// The bit of a [`Word`]'s `marks` that tells, for every word of
    /// these, whether `bits` may contain it; `None` when the words were
    /// not marked with `bits` (as it is now).
    #[inline(always)]
    fn mark_of(&self, bits: &WordBits) -> Option<u8> {
        (0..2).find(|&i| self.marked[i] == bits.id).map(|i| 1 << i)
    }

    /// Adds a word spelled `spelling` (hashed `hash`) standing for bytes
    /// `start..end`.
    fn push_spelled(&mut self, spelling: &str, hash: u64, start: usize, end: usize, upper: bool) {
        let at = self.buf.len() as u32;
        self.buf.extend_from_slice(spelling.as_bytes());
        self.list.push(Word {
            start,
            end,
            at,
            hash,
            tag: Tag::new(spelling.len() as u32, 0, upper, 0),
        });
    }
}

impl std::ops::Deref for Words {
    type Target = [Word];
    fn deref(&self) -> &[Word] {
        &self.list
    }
}

/// The hash words are looked up by, computed once per word of a text from
/// its spelling (UTF-8): FNV-1a-like, but 8 bytes a step (little-endian,
/// the last step zero-padded; a spelling has no zero byte) and with a
/// multiplier that mixes every bit into the high ones ([`word_bit`] reads
/// those). Vietnamese words take one step.
pub fn word_hash(spelling: &str) -> u64 {
    word_hash_bytes(spelling.as_bytes())
}

/// [`word_hash`] of a spelling in bytes.
fn word_hash_bytes(spelling: &[u8]) -> u64 {
    if spelling.is_empty() {
        return hash_step(HASH_START, 0);
    }
    spelling.chunks(8).fold(HASH_START, |h, c| {
        let mut b = [0u8; 8];
        b[..c.len()].copy_from_slice(c);
        hash_step(h, u64::from_le_bytes(b))
    })
}

/// [`word_hash`] of the spelling `buf[at..end]`, read 8 bytes at a time
/// from `buf`, which goes on with at least 8 zero bytes after `end`.
#[inline(always)]
fn word_hash_in(buf: &[u8], at: usize, end: usize) -> u64 {
    let mut h = HASH_START;
    let mut k = at;
    loop {
        let b: [u8; 8] = buf[k..k + 8].try_into().unwrap_or_default();
        h = hash_step(h, u64::from_le_bytes(b));
        k += 8;
        if k >= end {
            return h;
        }
    }
}

const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// One step of [`word_hash`].
#[inline(always)]
fn hash_step(h: u64, chunk: u64) -> u64 {
    (h ^ chunk).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The UTF-8 bytes of `c` as one little-endian number (zero-padded).
fn char_unit(c: char) -> u32 {
    let mut b = [0u8; 4];
    c.encode_utf8(&mut b);
    u32::from_le_bytes(b)
}

/// Punctuation kept as words of their own by [`words`] with `keep_punct`
/// (the tests' reference; `words` matches the bytes).
#[cfg(test)]
const KEPT_PUNCT: [char; 6] = [',', ';', '.', ':', '(', ')'];

/// Chars below this code point have their [`CharInfo`] precomputed; every
/// Vietnamese letter and the usual punctuation are below it.
const DENSE: u32 = 0x2100;

/// What [`words`] needs to know about one char.
#[derive(Debug, Clone, Copy, Default)]
struct CharInfo {
    /// The char alone is NFC and lowercases to one char, whose toneless
    /// spelling is `toneless`.
    fast: bool,
    toneless: char,
    alnum: bool,
    upper: bool,
    /// A combining mark (attaches to the letter before it).
    mark: bool,
}

fn char_info_slow(c: char) -> CharInfo {
    let mut lower = c.to_lowercase();
    let (first, second) = (lower.next(), lower.next());
    let fast = is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes && second.is_none();
    let l = first.unwrap_or(c);
    CharInfo {
        fast,
        toneless: fold::strip_tone(l),
        alnum: c.is_alphanumeric(),
        upper: c.is_uppercase(),
        mark: is_combining_mark(c),
    }
}

/// A [`CharInfo`] packed in 32 bits, as [`char_table`] keeps it: the low 24
/// bits the [`char_unit`] of `toneless` (at most 3 bytes) and bits 24-25
/// its length for a `fast` letter or digit, 0 for any other char; then the
/// flags below.
type CharEntry = u32;

const ENTRY_LEN_SHIFT: u32 = 24;
const ENTRY_UPPER: CharEntry = 1 << 26;
const ENTRY_MARK: CharEntry = 1 << 27;
/// A letter or digit that is not `fast`.
const ENTRY_SLOW: CharEntry = 1 << 28;

/// `info` packed; a `fast` letter whose toneless spelling takes more than 3
/// bytes is kept as not `fast` (which spells it the same, more slowly).
fn entry_of(info: CharInfo) -> CharEntry {
    let mut e = 0;
    if info.alnum {
        let len = info.toneless.len_utf8() as u32;
        if info.fast && len <= 3 {
            e |= char_unit(info.toneless) | (len << ENTRY_LEN_SHIFT);
        } else {
            e |= ENTRY_SLOW;
        }
    }
    if info.upper {
        e |= ENTRY_UPPER;
    }
    if info.mark {
        e |= ENTRY_MARK;
    }
    e
}

/// The [`CharInfo`] a [`CharEntry`] packs (`toneless` only for a `fast`
/// letter).
fn info_of(e: CharEntry) -> CharInfo {
    let len = (e >> ENTRY_LEN_SHIFT) & 3;
    let bytes = (e & 0xFF_FFFF).to_le_bytes();
    let toneless = std::str::from_utf8(&bytes[..len as usize])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or('\0');
    CharInfo {
        fast: len != 0,
        toneless,
        alnum: len != 0 || e & ENTRY_SLOW != 0,
        upper: e & ENTRY_UPPER != 0,
        mark: e & ENTRY_MARK != 0,
    }
}

/// The [`CharEntry`] table of the chars below [`DENSE`].
fn char_table() -> &'static [CharEntry; DENSE as usize] {
    static T: OnceLock<Box<[CharEntry; DENSE as usize]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([0; DENSE as usize]);
        for (cp, e) in (0..DENSE).zip(t.iter_mut()) {
            *e = char::from_u32(cp).map_or(0, |c| entry_of(char_info_slow(c)));
        }
        t
    })
}

/// [`CharInfo`] of `c`, from `table` ([`char_table`]) below [`DENSE`].
fn char_info_in(table: &[CharEntry], c: char) -> CharInfo {
    match table.get(c as usize) {
        Some(&e) => info_of(e),
        None => char_info_slow(c),
    }
}

/// [`CharInfo`] of `c`.
fn char_info(c: char) -> CharInfo {
    char_info_in(char_table(), c)
}

/// Whether the char starting at `bytes[i]` cannot be a combining mark
/// ([`fold::plain_latin_len`]).
fn surely_not_mark(bytes: &[u8], i: usize) -> bool {
    fold::plain_latin_len(bytes, i).is_some()
}

/// The folded spelling of one word of `text` (lowercase, each letter with
/// its combining marks composed), as [`words`] reads it.
fn fold_units(text: &str) -> String {
    let mut out = String::new();
    let mut it = text.char_indices().peekable();
    while let Some((b, base)) = it.next() {
        let mut e = b + base.len_utf8();
        while let Some(&(nb, nc)) = it.peek() {
            if nc.is_ascii() || !char_info(nc).mark {
                break;
            }
            e = nb + nc.len_utf8();
            it.next();
        }
        for c in text[b..e].nfc() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether the word `text`, whose toneless spelling is `va`, is the joiner
/// "và", compared as [`fold`] gives it. Fold keeps the char count and strips then
/// re-places the one tone, so only a word whose toneless spelling is `va`
/// can fold to "và"; the others need no fold.
fn is_va(text: &str) -> bool {
    // The usual spellings answer without folding.
    match text.as_bytes() {
        [b'v' | b'V', b'a' | b'A'] => false,
        [b'v' | b'V', 0xC3, 0xA0 | 0x80] => true,
        _ => fold(&fold_units(text)) == "và",
    }
}

/// Cuts `text` into matching words (see the module docs), without expanding
/// abbreviations. With `keep_punct`, the characters `, ; . : ( )` become words
/// of their own (cue matching must not run across them).
pub fn words(text: &str, keep_punct: bool) -> Words {
    let mut out = Words::default();
    words_into(text, keep_punct, &mut out);
    out
}

/// [`words`] into `out`, whose buffers are reused.
pub fn words_into(text: &str, keep_punct: bool, out: &mut Words) {
    words_cached_into_slots(
        text,
        keep_punct,
        out,
        &mut [CachedWord::default(); 1],
        &NO_MARKS,
    );
}

/// [`words_into`] with the words of `cache` ([`WordCache`]): the words
/// of the texts a caller cuts one after the other (a document's
/// sentences) read once.
pub fn words_cached_into(text: &str, keep_punct: bool, out: &mut Words, cache: &mut WordCache) {
    match cache.slots.as_deref_mut() {
        Some(slots) => words_cached_into_slots(text, keep_punct, out, slots, &cache.marks),
        // (Only a dropped cache has no slots.)
        None => words_into(text, keep_punct, out),
    }
}

/// [`words_cached_into`] with the slots of a [`WordCache`] (any power of
/// two of them).
fn words_cached_into_slots<const N: usize>(
    text: &str,
    keep_punct: bool,
    out: &mut Words,
    cache: &mut [CachedWord; N],
    marks: &Marks,
) {
    if !words_precomposed(text, keep_punct, out, cache, marks) {
        *out = words_general(text, keep_punct);
    }
}

/// Words the precomposed reader has read, by their bytes as written: a
/// run of at most 8 word bytes (ASCII letters and digits, bytes of
/// non-ASCII chars) between other bytes that it read whole as one word,
/// with the word's spelling and case, or that it dropped ("và"). The same
/// run is then the same word wherever it stands (what the reader makes of
/// a word depends on its bytes alone, and a word that takes a whole run
/// ends at the ASCII byte after it, which is no letter or digit), so it
/// is not read char by char again. Direct-mapped: a run takes the slot
/// of its hash, a later one with the same slot replaces it. Kept by a
/// caller for the texts of one document, which repeats most of its words
/// (on the benchmark subset 82% of the words of the sentences that
/// assignments cut are found in the cache).
///
/// A cache made [`WordCache::for_scans`] also keeps, in each slot, the
/// answers of the two scans' bit sets for the word, and marks the words
/// it gives with them ([`Word`]'s `marks`; [`Words`] names the sets by
/// their ids, so that a scan with other sets does not take them).
///
/// A dropped cache leaves its slots to the next cache its thread makes
/// with the same sets ([`SPARE_SLOTS`]): a worker's documents share
/// most of their words too (and the slots are not allocated and zeroed
/// per document; on the subset 97% of the words assignments cut are
/// then found).
#[derive(Debug, Clone)]
pub struct WordCache<'m> {
    /// `None` only once dropped.
    slots: Option<Box<Slots>>,
    marks: Marks<'m>,
}

/// The slots of a [`WordCache`].
type Slots = [CachedWord; CACHE_SLOTS];

thread_local! {
    /// The slots of the thread's last dropped [`WordCache`]s (at most
    /// [`SPARE_MAX`], the latest last), each with the ids of the sets
    /// ([`Marks`]'s `ids`) its words' marks answer.
    static SPARE_SLOTS: std::cell::Cell<Vec<(Box<Slots>, [u64; 2])>> =
        const { std::cell::Cell::new(Vec::new()) };
}

/// How many [`WordCache`]s' slots a thread keeps: one for each of the
/// sets its caches are made with (the assignments' scans, the bodies'
/// alone, none).
const SPARE_MAX: usize = 3;

/// The bit sets whose answers a [`WordCache`] keeps with its words (at
/// most two; an unused bit's set is empty, id 0), their ids, and the
/// marks of the kept punctuation chars (2 bits at `2 * (c & 31)`: the six
/// chars differ there).
#[derive(Debug, Clone, Copy)]
struct Marks<'m> {
    bits: [&'m [u64; VOCAB_BITS / 64]; 2],
    ids: [u64; 2],
    kept: u64,
}

/// The bits of an empty [`WordBits`].
static NO_BITS: [u64; VOCAB_BITS / 64] = [0; VOCAB_BITS / 64];

/// [`Marks`] that mark nothing.
static NO_MARKS: Marks<'static> = Marks {
    bits: [&NO_BITS, &NO_BITS],
    ids: [0, 0],
    kept: 0,
};

impl<'m> Marks<'m> {
    /// The marks of the words of `a` (bit 0) and `b` (bit 1).
    fn new(a: &'m WordBits, b: &'m WordBits) -> Marks<'m> {
        let mut m = Marks {
            bits: [&a.bits, &b.bits],
            ids: [a.id, b.id],
            kept: 0,
        };
        m.kept = m.kept_marks();
        m
    }

    /// The marks of the words of `a` (bit 0; bit 1 for none).
    fn one(a: &'m WordBits) -> Marks<'m> {
        let mut m = NO_MARKS;
        m.bits[0] = &a.bits;
        m.ids[0] = a.id;
        m.kept = m.kept_marks();
        m
    }

    /// [`Marks`]'s `kept`, from its sets.
    fn kept_marks(&self) -> u64 {
        let mut kept = 0;
        for c in [b',', b';', b'.', b':', b'(', b')'] {
            kept |= u64::from(self.of(word_hash_bytes(&[c]))) << (2 * (c & 31));
        }
        kept
    }

    /// The `marks` of a word hashed `hash`.
    #[inline(always)]
    fn of(&self, hash: u64) -> u8 {
        let bit = word_bit(hash);
        let (k, b) = (bit / 64, bit % 64);
        ((self.bits[0][k] >> b) & 1 | ((self.bits[1][k] >> b) & 1) << 1) as u8
    }

    /// The `marks` of the kept punctuation char `c`.
    #[inline(always)]
    fn of_kept(&self, c: u8) -> u8 {
        ((self.kept >> (2 * (c & 31))) & 3) as u8
    }
}

impl<'m> WordCache<'m> {
    /// A cache whose words carry whether they may start one of `dict`'s
    /// bodies (its aliases and abbreviations) and one of `phrases`, so
    /// that [`AgencyDict::find_bodies_into`] and
    /// [`PhraseSet::find_unsorted_into`] test a bit per word.
    pub fn for_scans(dict: &'m AgencyDict, phrases: &'m PhraseSet) -> WordCache<'m> {
        WordCache::with_marks(Marks::new(&dict.scan, &phrases.first))
    }

    /// A cache whose words carry whether they may start one of `dict`'s
    /// bodies ([`AgencyDict::find_bodies_into`] tests a bit per word).
    pub fn for_bodies(dict: &'m AgencyDict) -> WordCache<'m> {
        WordCache::with_marks(Marks::one(&dict.scan))
    }

    /// A cache whose words carry `marks`: in the slots a cache with the
    /// same sets left ([`SPARE_SLOTS`]), else in new ones (or, when the
    /// thread keeps as many as it may, in the oldest it keeps, cleared).
    fn with_marks(marks: Marks<'m>) -> WordCache<'m> {
        let slots = SPARE_SLOTS
            .try_with(|s| {
                let mut spare = s.take();
                let found = match spare.iter().position(|(_, ids)| *ids == marks.ids) {
                    Some(k) => Some(spare.remove(k).0),
                    None if spare.len() >= SPARE_MAX => {
                        let mut slots = spare.remove(0).0;
                        slots.fill(CachedWord::default());
                        Some(slots)
                    }
                    None => None,
                };
                s.set(spare);
                found
            })
            .ok()
            .flatten()
            .unwrap_or_else(new_slots);
        WordCache {
            slots: Some(slots),
            marks,
        }
    }

    /// The slots (tests look at them).
    #[cfg(test)]
    fn slots(&mut self) -> &mut Slots {
        self.slots
            .as_deref_mut()
            .expect("a live cache has its slots")
    }
}

impl Drop for WordCache<'_> {
    /// Leaves the slots to the thread's next cache.
    fn drop(&mut self) {
        if let Some(slots) = self.slots.take() {
            let ids = self.marks.ids;
            // (Lost when the thread is ending.)
            let _ = SPARE_SLOTS.try_with(|s| {
                let mut spare = s.take();
                if spare.len() >= SPARE_MAX {
                    spare.remove(0);
                }
                spare.push((slots, ids));
                s.set(spare);
            });
        }
    }
}

/// Slots of a [`WordCache`] (a power of two).
const CACHE_SLOTS: usize = 8192;

/// Empty [`Slots`], allocated.
fn new_slots() -> Box<Slots> {
    vec![CachedWord::default(); CACHE_SLOTS]
        .into_boxed_slice()
        .try_into()
        .unwrap_or_else(|_| unreachable!())
}

impl Default for WordCache<'_> {
    /// A cache whose words carry no marks.
    fn default() -> Self {
        WordCache::with_marks(NO_MARKS)
    }
}

/// One slot of a [`WordCache`]: `raw` the run's bytes (little-endian,
/// zero-padded: a run holds no zero byte, so 0 is an empty slot), and
/// its spelling the same way (at most 8 bytes, the tag's `len` of them),
/// or dropped (the tag's [`Tag::DROPPED`]).
#[derive(Debug, Clone, Copy, Default)]
struct CachedWord {
    raw: u64,
    spelling: u64,
    /// [`word_hash`] of the spelling (kept: fewer instructions than
    /// hashing it again).
    hash: u64,
    /// The word's tag (its `marks` [`Marks::of`] of the cache's sets), or
    /// [`Tag::DROPPED`].
    tag: Tag,
}

/// The slot of the run `raw` in a [`WordCache`] of `n` slots (a power
/// of two).
#[inline(always)]
fn cache_slot(raw: u64, n: usize) -> usize {
    (raw.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (n - 1)
}

/// The run of word bytes (ASCII letters and digits, bytes of non-ASCII
/// chars) that `rest` starts with: its bytes, little-endian and
/// zero-padded, its length, and whether a space follows it; `None` when
/// it is longer than 8 bytes.
#[inline(always)]
fn run_at(rest: &[u8]) -> Option<(u64, usize, bool)> {
    let w = match rest.get(..8) {
        Some(b) => u64::from_le_bytes(b.try_into().unwrap_or_default()),
        None => tail_bytes(rest),
    };
    let n = word_bytes(w);
    if n == 8 {
        return match rest.get(8) {
            Some(&x) if WORD_BYTE[x as usize] != 0 => None,
            next => Some((w, 8, next == Some(&b' '))),
        };
    }
    let space = (w >> (8 * n)) as u8 == b' ';
    Some((w & ((1u64 << (8 * n)) - 1), n, space))
}

/// The bytes of `rest` (fewer than 8), little-endian and zero-padded:
/// read one by one, not copied with a call (the reader's loop then keeps
/// its registers across the last word of a text).
#[inline(always)]
fn tail_bytes(rest: &[u8]) -> u64 {
    rest.iter()
        .take(8)
        .rev()
        .fold(0, |w, &b| (w << 8) | u64::from(b))
}

/// How many of the 8 bytes of `w` (little-endian), from the first, are
/// word bytes (ASCII letters and digits, bytes of non-ASCII chars; a zero
/// byte is none): [`word_bytes_sse2`] on x86-64, else
/// [`word_bytes_swar`].
#[inline(always)]
fn word_bytes(w: u64) -> usize {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: the function needs SSE2 only, which is part of x86-64
    // (every x86-64 CPU has it, and the target enables it).
    return unsafe { word_bytes_sse2(w) };
    #[cfg(not(target_arch = "x86_64"))]
    word_bytes_swar(w)
}

/// [`word_bytes`] in SSE2: the 8 bytes tested as one vector (fewer
/// instructions than [`word_bytes_swar`], and its constants stay in
/// vector registers, leaving the reader's loop the general ones).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn word_bytes_sse2(w: u64) -> usize {
    use std::arch::x86_64::*;
    let x = _mm_cvtsi64_si128(w as i64);
    // `lo..=hi` as a signed compare: `v - lo + 0x80` (wrapping) is below
    // `hi - lo + 1 - 0x80` for the bytes in the range only.
    let within = |v: __m128i, lo: u8, hi: u8| {
        let shifted = _mm_add_epi8(v, _mm_set1_epi8(0x80u8.wrapping_sub(lo) as i8));
        _mm_cmplt_epi8(
            shifted,
            _mm_set1_epi8((hi - lo + 1).wrapping_sub(0x80) as i8),
        )
    };
    let digit = within(x, b'0', b'9');
    let letter = within(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z');
    // (A byte from 0x80 on has its high bit, which the mask takes too; the
    // upper 8 bytes are zero, no word byte.)
    let word = _mm_or_si128(_mm_or_si128(digit, letter), x);
    let m = _mm_movemask_epi8(word) as u32;
    (!m).trailing_zeros() as usize
}

/// [`word_bytes`] by bit arithmetic on all 8 bytes at once, in a `u64`.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
#[inline(always)]
fn word_bytes_swar(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Each byte's low 7 bits, and with letters in lowercase; adding
    // `0x80 - lo` sets a byte's high bit when it is `lo` or more, adding
    // `0x7F - hi` when it is more than `hi` (no carry from byte to byte:
    // every sum stays below 0x100).
    let low = w & !HIGH;
    let lower = low | (0x20 * ONES);
    let at_least = |v: u64, lo: u8| v + u64::from(0x80 - lo) * ONES;
    let above = |v: u64, hi: u8| v + u64::from(0x7F - hi) * ONES;
    let letter = at_least(lower, b'a') & !above(lower, b'z');
    let digit = at_least(low, b'0') & !above(low, b'9');
    let other = !(w | letter | digit) & HIGH;
    (other.trailing_zeros() / 8) as usize
}

/// Whether [`words`] with `keep_punct` keeps the ASCII char `x` as a word.
#[inline(always)]
const fn is_kept_punct(x: u8) -> bool {
    matches!(x, b',' | b';' | b'.' | b':' | b'(' | b')')
}

/// [`words`] for a text with no combining mark and no letter or digit that
/// is not `fast` ([`CharInfo`]): all of precomposed Vietnamese. Every char
/// is then a unit of its own, read once, a word at a time, its toneless
/// spelling taken from [`char_table`]; into `out`, whose buffers are reused.
/// False when the text has another char ([`words_general`] reads it).
fn words_precomposed<const N: usize>(
    text: &str,
    keep_punct: bool,
    out: &mut Words,
    cache: &mut [CachedWord; N],
    marks: &Marks,
) -> bool {
    let n = text.len();
    // The spellings, written in place, a non-ASCII char's 4 bytes at a time
    // (its spelling and zeros): a char's toneless spelling takes at most
    // twice its bytes (`a_spelling_takes_at_most_twice_its_bytes` tests it).
    // Every byte after the last spelling stays zero, for `word_hash_in`.
    out.buf.clear();
    out.buf.resize(2 * n + 8, 0);
    out.list.clear();
    if out.list.capacity() < n {
        // (A new buffer rather than a grown one: nothing to copy over.)
        out.list = Vec::with_capacity(n);
    }
    let (buf, list) = (&mut out.buf, &mut out.list);
    // SAFETY: `buf` holds `2 * n + 8` bytes, as `cut_precomposed` needs.
    let cut = unsafe {
        if keep_punct {
            cut_precomposed::<N, true>(text, buf, list, cache, marks)
        } else {
            cut_precomposed::<N, false>(text, buf, list, cache, marks)
        }
    };
    match cut {
        Some(j) => {
            out.buf.truncate(j);
            out.marked = marks.ids;
            true
        }
        None => false,
    }
}

/// The loop of [`words_precomposed`] (with `KEEP_PUNCT` its
/// `keep_punct`): cuts `text` into `list`, the spellings written into
/// `buf`, which must hold `2 * text.len() + 8` bytes; returns where the spellings end. `None` at
/// a char [`unit_at`] does not read. A run of word bytes found in `cache`
/// ([`WordCache`]'s slots) is taken from there, the others read by
/// [`read_word`]. (A function of its own so that the loop's pointers stay
/// in registers.)
///
/// The words it reads itself (kept punctuation, found words) are written
/// into `list`'s spare capacity with a length kept in a register, not
/// pushed (no reload of the vector's length and capacity, no grow call
/// whose registers the loop must save): `list` is made to hold room for
/// as many words as bytes are left to read, and each such word takes at
/// least one byte.
///
/// # Safety
///
/// `buf` must hold at least `2 * text.len() + 8` bytes: a found word's
/// spelling is written there unchecked, 8 bytes at a time.
#[inline(never)]
unsafe fn cut_precomposed<const N: usize, const KEEP_PUNCT: bool>(
    text: &str,
    buf: &mut [u8],
    list: &mut Vec<Word>,
    cache: &mut [CachedWord; N],
    marks: &Marks,
) -> Option<usize> {
    let (mut i, mut j) = (0, 0);
    let bytes = text.as_bytes();
    // Room in `list` for a word a byte left (`room_for_rest`'s invariant:
    // capacity >= len + bytes left to read).
    let (mut words, mut len) = room_for_rest(list, bytes.len());
    // (A constant table for each: no register holds its address.)
    let kind = if KEEP_PUNCT {
        &WORD_BYTE_PUNCT
    } else {
        &WORD_BYTE
    };
    while let Some(&x) = bytes.get(i) {
        // Separators, up to the first char of a word.
        let l = kind[x as usize];
        if l == 0 {
            i += 1;
            continue;
        }
        if l == KEPT {
            buf[j] = x;
            let hash = word_hash_in(buf, j, j + 1);
            // SAFETY: `len < capacity`: the capacity is at least `len`
            // and the bytes left (`room_for_rest`, kept as each word
            // written takes at least a byte), and `i < text.len()`.
            unsafe {
                words.add(len).write(Word {
                    start: i,
                    end: i + 1,
                    at: j as u32,
                    hash,
                    tag: Tag::new(1, x, false, marks.of_kept(x)),
                });
            }
            len += 1;
            j += 1;
            i += 1;
            continue;
        }
        // A run of word bytes: a word read before?
        let run = run_at(&bytes[i..]);
        let slot = match run {
            Some((raw, n, space)) => {
                let k = cache_slot(raw, N);
                let c = cache[k];
                if c.raw == raw {
                    let start = i;
                    i += n;
                    if !c.tag.dropped() {
                        debug_assert!(j + 8 <= buf.len());
                        // SAFETY: `j + 8 <= buf.len()`: the spellings
                        // before `j` take at most twice the bytes of
                        // `text[..i]` (a char's toneless spelling takes at
                        // most twice its bytes,
                        // `a_spelling_takes_at_most_twice_its_bytes`), so
                        // `j <= 2 * i <= 2 * text.len()`, and `buf` holds
                        // `2 * text.len() + 8` bytes (this function's
                        // contract).
                        unsafe {
                            buf.as_mut_ptr()
                                .add(j)
                                .cast::<u64>()
                                .write_unaligned(c.spelling.to_le());
                        }
                        // SAFETY: `len < capacity`, as for kept
                        // punctuation (`start < text.len()`).
                        unsafe {
                            words.add(len).write(Word {
                                start,
                                end: i,
                                at: j as u32,
                                hash: c.hash,
                                tag: c.tag,
                            });
                        }
                        len += 1;
                        j += c.tag.len() as usize;
                    }
                    // (A space after the word, as most have, passed over.)
                    i += usize::from(space);
                    continue;
                }
                Some((raw, n, &mut cache[k]))
            }
            None => None,
        };
        // SAFETY: the first `len` words are written (and `len` is within
        // the capacity).
        unsafe { list.set_len(len) };
        (i, j) = read_word(text, i, buf, j, list, slot, marks)?;
        // (`read_word` pushes; the room is made again for what is left.)
        (words, len) = room_for_rest(list, bytes.len().saturating_sub(i));
    }
    // SAFETY: as before `read_word`.
    unsafe { list.set_len(len) };
    Some(j)
}

/// Makes `list` hold room for `rest` more words; its buffer and length.
#[inline(always)]
fn room_for_rest(list: &mut Vec<Word>, rest: usize) -> (*mut Word, usize) {
    list.reserve(rest);
    (list.as_mut_ptr(), list.len())
}

/// One step of [`cut_precomposed`] at `text[i]`, a word byte: the word
/// that starts there (its spelling written at `buf[j]`, pushed to `list`
/// unless dropped), or the non-ASCII separator there passed over; where
/// the text and the spellings go on. With `slot`, the run of word bytes
/// at `i` (bytes, length) and its [`WordCache`] slot, which takes the
/// word when it is the whole run. `None` at a char [`unit_at`] does not
/// read.
#[inline(never)]
fn read_word(
    text: &str,
    mut i: usize,
    buf: &mut [u8],
    mut j: usize,
    list: &mut Vec<Word>,
    slot: Option<(u64, usize, &mut CachedWord)>,
    marks: &Marks,
) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let table = char_table();
    let x = bytes[i];
    let l = WORD_BYTE[x as usize];
    let upper = if l.wrapping_sub(1) < 0x7F {
        // (Only a letter's lowercase differs from it.)
        l != x
    } else {
        let (u, len) = unit_at(table, bytes, i)?;
        if u.len == 0 {
            return Some((i + len, j));
        }
        u.upper
    };
    let (start, at) = (i, j);
    while let Some(&x) = bytes.get(i) {
        let l = WORD_BYTE[x as usize];
        if l.wrapping_sub(1) < 0x7F {
            buf[j] = l;
            j += 1;
            i += 1;
        } else if l == 0 {
            break;
        } else {
            let (u, len) = unit_at(table, bytes, i)?;
            if u.len == 0 {
                break;
            }
            buf[j..j + 4].copy_from_slice(&u.unit.to_le_bytes());
            j += u.len;
            i += len;
        }
    }
    // The joiner "và" is dropped.
    let dropped = j - at == 2 && buf[at..j] == *b"va" && is_va(&text[start..i]);
    let hash = word_hash_in(buf, at, j);
    let word_marks = marks.of(hash);
    // The run read as one word goes into the cache.
    if let Some((raw, n, c)) = slot {
        if i - start == n && j - at <= 8 {
            let tag = Tag::new((j - at) as u32, 0, upper, word_marks);
            *c = CachedWord {
                raw,
                spelling: u64::from_le_bytes(buf[at..at + 8].try_into().unwrap_or_default()),
                hash,
                tag: if dropped { Tag(Tag::DROPPED) } else { tag },
            };
        }
    }
    if dropped {
        buf[at..j].fill(0);
        return Some((i, at));
    }
    list.push(Word {
        start,
        end: i,
        at: at as u32,
        hash,
        tag: Tag::new((j - at) as u32, 0, upper, word_marks),
    });
    Some((i, j))
}

/// Per byte: its lowercase when it is an ASCII letter or digit, 0 for the
/// other ASCII bytes, 0xFF for the bytes of non-ASCII chars.
const WORD_BYTE: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ASCII_WORD[b];
        b += 1;
    }
    t
};

/// [`WORD_BYTE`] with [`KEPT`] for the punctuation [`words`] keeps with
/// `keep_punct`.
const WORD_BYTE_PUNCT: [u8; 256] = {
    let mut t = WORD_BYTE;
    let mut b = 0;
    while b < 128 {
        if is_kept_punct(b as u8) {
            t[b] = KEPT;
        }
        b += 1;
    }
    t
};

/// The mark of kept punctuation in [`WORD_BYTE_PUNCT`].
const KEPT: u8 = 0xFE;

/// One char as [`words_precomposed`] reads it: the [`char_unit`] of its
/// toneless spelling and that spelling's length in bytes (0: a separator),
/// and whether the char is uppercase.
#[derive(Clone, Copy)]
struct Unit {
    unit: u32,
    len: usize,
    upper: bool,
}

/// The [`Unit`] of the non-ASCII char at `bytes[i]` and its length in
/// bytes; `None` for a combining mark or a letter or digit that is not
/// `fast`.
#[inline(always)]
fn unit_at(table: &[CharEntry; DENSE as usize], bytes: &[u8], i: usize) -> Option<(Unit, usize)> {
    let x = bytes[i];
    let cont = |k: usize| u32::from(bytes.get(i + k).map_or(0, |&b| b & 0x3F));
    let (cp, len) = if x < 0xE0 {
        ((u32::from(x & 0x1F) << 6) | cont(1), 2)
    } else if x < 0xF0 {
        ((u32::from(x & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        let cp = (u32::from(x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
        (cp, 4)
    };
    let Some(&e) = table.get(cp as usize) else {
        return Some((rare_unit(char::from_u32(cp)?)?, len));
    };
    if e & (ENTRY_MARK | ENTRY_SLOW) != 0 {
        return None;
    }
    let unit = Unit {
        unit: e & 0xFF_FFFF,
        len: ((e >> ENTRY_LEN_SHIFT) & 3) as usize,
        upper: e & ENTRY_UPPER != 0,
    };
    Some((unit, len))
}

/// [`unit_at`] for a char above [`DENSE`].
#[cold]
fn rare_unit(c: char) -> Option<Unit> {
    let ci = char_info_slow(c);
    if ci.mark || (ci.alnum && !ci.fast) {
        return None;
    }
    Some(Unit {
        unit: if ci.alnum { char_unit(ci.toneless) } else { 0 },
        len: if ci.alnum { ci.toneless.len_utf8() } else { 0 },
        upper: ci.upper,
    })
}

/// [`words`] for any text: combining marks attach to the char before them
/// (decomposed input), and each unit (a char and its marks) is composed and
/// lowercased.
fn words_general(text: &str, keep_punct: bool) -> Words {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Words {
        buf: Vec::with_capacity(n),
        list: Vec::with_capacity(n / 5 + 2),
        marked: [0; 2],
    };
    // The word being read, if any.
    let mut cur: Option<Cur> = None;
    // Where the char before `i` starts, when it is ASCII: a combining mark
    // after it (decomposed input) makes the two one unit.
    let mut ascii_before: Option<usize> = None;
    let table = char_table();
    let info = |c: char| char_info_in(table, c);
    let mut i = 0;
    while i < n {
        let x = bytes[i];
        if x < 0x80 {
            let l = ASCII_WORD[x as usize];
            if l != 0 {
                cur.get_or_insert_with(|| Cur::new(&out, i, l != x));
                out.buf.push(l);
            } else {
                if let Some(w) = cur.take() {
                    w.end(text, &mut out, i);
                }
                if keep_punct && is_kept_punct(x) {
                    push_punct(&mut out, x, i, i + 1);
                }
            }
            ascii_before = Some(i);
            i += 1;
            continue;
        }
        let base = text[i..].chars().next().unwrap_or(' ');
        let single_end = i + base.len_utf8();
        let ci = info(base);
        if ci.mark {
            if let Some(p) = ascii_before.filter(|&p| p + 1 == i) {
                // Marks after an ASCII char: the unit is that char with them.
                let e = marks_end(text, single_end, &info);
                if cur.is_some() && bytes[p].is_ascii_alphanumeric() {
                    // The letter was pushed alone: push the unit instead.
                    out.buf.pop();
                    push_slow(&mut out.buf, &text[p..e]);
                } else if let Some(last) = out
                    .list
                    .last_mut()
                    .filter(|l| l.punct() != 0 && l.start == p)
                {
                    last.end = e;
                }
                ascii_before = None;
                i = e;
                continue;
            }
        }
        ascii_before = None;
        // A letter with the combining marks after it (NFD input) is one unit.
        let e = marks_end(text, single_end, &info);
        if ci.alnum {
            cur.get_or_insert_with(|| Cur::new(&out, i, ci.upper));
            if e == single_end && ci.fast {
                push_char(&mut out.buf, ci.toneless);
            } else {
                push_slow(&mut out.buf, &text[i..e]);
            }
        } else if let Some(w) = cur.take() {
            // (Kept punctuation is ASCII: taken above.)
            w.end(text, &mut out, i);
        }
        i = e;
    }
    if let Some(w) = cur.take() {
        w.end(text, &mut out, n);
    }
    out
}

/// Per ASCII byte: its lowercase when it is a letter or digit (a word
/// char), else 0.
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The word [`words`] is reading.
struct Cur {
    /// Start of its spelling in the buffer, of the word in the text.
    at: usize,
    start: usize,
    upper: bool,
}

impl Cur {
    fn new(out: &Words, start: usize, upper: bool) -> Cur {
        Cur {
            at: out.buf.len(),
            start,
            upper,
        }
    }

    /// Ends the word at byte `end` of `text`: keeps it, or drops it when it
    /// is the joiner "và".
    #[inline(always)]
    fn end(self, text: &str, out: &mut Words, end: usize) {
        let at = self.at;
        let b = &out.buf;
        if b.len() - at == 2 && b[at..] == *b"va" && is_va(&text[self.start..end]) {
            out.buf.truncate(at);
            return;
        }
        let hash = word_hash_bytes(&b[at..]);
        out.list.push(Word {
            start: self.start,
            end,
            at: at as u32,
            hash,
            tag: Tag::new((b.len() - at) as u32, 0, self.upper, 0),
        });
    }
}

/// The end of the combining marks from byte `from` of `text` on.
#[inline(always)]
fn marks_end(text: &str, from: usize, info: &impl Fn(char) -> CharInfo) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(from).is_none_or(|&b| b < 0x80) {
        return from;
    }
    marks_end_slow(text, from, info)
}

/// [`marks_end`] where a non-ASCII char follows.
fn marks_end_slow(text: &str, from: usize, info: &impl Fn(char) -> CharInfo) -> usize {
    let bytes = text.as_bytes();
    let mut e = from;
    while e < bytes.len() && bytes[e] >= 0x80 && !surely_not_mark(bytes, e) {
        let nc = text[e..].chars().next().unwrap_or(' ');
        if !info(nc).mark {
            break;
        }
        e += nc.len_utf8();
    }
    e
}

/// Appends the toneless lowercase spelling of one unit (a letter and its
/// combining marks), composed.
fn push_slow(buf: &mut Vec<u8>, unit: &str) {
    for c in unit.nfc() {
        for l in c.to_lowercase() {
            push_char(buf, fold::strip_tone(l));
        }
    }
}

/// Appends `c` in UTF-8.
fn push_char(buf: &mut Vec<u8>, c: char) {
    buf.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
}

/// Keeps the punctuation char `c` (bytes `start..end` of the text) as a
/// word of [`words`].
fn push_punct(out: &mut Words, c: u8, start: usize, end: usize) {
    let at = out.buf.len() as u32;
    out.buf.push(c);
    out.list.push(Word {
        start,
        end,
        at,
        hash: word_hash_bytes(&[c]),
        tag: Tag::new(1, c, false, 0),
    });
}

/// The words of a dictionary phrase (alias, cue, abbreviation), as strings.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    words(phrase, false).texts()
}

/// A set of word sequences, found in word lists word by word: a trie over
/// words, walked from every word of a text that may start a phrase (a bit
/// test on the word's hash), one hash lookup per word of the walk.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    /// The phrases, for the tests' reference matcher.
    #[cfg(test)]
    phrases: Vec<Vec<String>>,
    /// Trie edges: (node, word hash) -> child node; node 0 is the root.
    edges: Edges,
    /// The word on the edge into each node (node 0: empty), compared on
    /// every step ([`same_spelling`]) so that a word of a text whose hash
    /// equals a phrase word's never matches it.
    word_in: Vec<String>,
    /// The phrases ending at each node, ascending.
    ends: Vec<Vec<usize>>,
    /// The first words of the phrases, for a test without a lookup.
    first: WordBits,
}

/// Whether `w`, a word of `words`, is spelled `spelling`, given that their
/// hashes are equal: a spelling of at most 8 bytes is the only one with its
/// hash (one [`hash_step`], a bijection), so only longer ones are compared.
fn same_spelling(spelling: &[u8], words: &Words, w: &Word) -> bool {
    spelling.len() == w.tag.len() as usize && (w.tag.len() <= 8 || spelling == words.spelling(w))
}

/// A set of words (spellings as [`words`] gives them), asked about the words
/// of texts: a bit test on the word's hash answers most, a lookup by hash
/// the rest.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    bits: WordBits,
    words: FxHashMap<u64, Box<[u8]>>,
}

impl WordSet {
    /// Adds `spelling`; fails when another word of the set has its hash.
    pub fn insert(&mut self, spelling: &str) -> Result<(), String> {
        let hash = word_hash(spelling);
        match self.words.get(&hash) {
            Some(other) if **other != *spelling.as_bytes() => Err(format!(
                "the words `{spelling}` and `{}` have the same hash; rename one",
                String::from_utf8_lossy(other)
            )),
            _ => {
                self.bits.insert(hash);
                self.words.insert(hash, spelling.as_bytes().into());
                Ok(())
            }
        }
    }

    /// Whether `w`, a word of `words`, is in the set.
    #[inline(always)]
    pub fn contains(&self, words: &Words, w: &Word) -> bool {
        self.bits.may_contain(w.hash) && self.holds(words, w)
    }

    /// [`WordSet::contains`] past the bit test.
    fn holds(&self, words: &Words, w: &Word) -> bool {
        self.words
            .get(&w.hash)
            .is_some_and(|s| same_spelling(s, words, w))
    }
}

/// A set of words that answers "certainly not in the set" from a bit per
/// word hash; "maybe" when two words share a bit.
///
/// `id` names its contents: a new one (never 0) on every change, so that
/// words marked with its answers ([`Words`]'s `marked`) are known to be
/// marked with these bits.
#[derive(Debug, Clone)]
struct WordBits {
    bits: Box<[u64; VOCAB_BITS / 64]>,
    id: u64,
}

/// A new [`WordBits::id`].
fn new_bits_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Default for WordBits {
    fn default() -> WordBits {
        WordBits {
            bits: Box::new([0; VOCAB_BITS / 64]),
            id: new_bits_id(),
        }
    }
}

impl WordBits {
    fn insert(&mut self, hash: u64) {
        let bit = word_bit(hash);
        self.bits[bit / 64] |= 1 << (bit % 64);
        self.id = new_bits_id();
    }

    #[inline(always)]
    fn may_contain(&self, hash: u64) -> bool {
        let bit = word_bit(hash);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// Bits in a [`WordBits`].
const VOCAB_BITS: usize = 1 << 16;

/// A word's bit in a [`WordBits`]: the high bits of its hash, which
/// [`hash_step`]'s multiplier mixes best.
#[inline(always)]
fn word_bit(hash: u64) -> usize {
    (hash >> (64 - VOCAB_BITS.trailing_zeros())) as usize
}

/// The edges of a [`PhraseSet`]'s trie, frozen in one table: open
/// addressing on (node, word hash), probed linearly, at most half full.
#[derive(Debug, Clone, Default)]
struct Edges {
    slots: Vec<Edge>,
    /// 64 less the bits of a slot index.
    shift: u32,
}

/// One slot of [`Edges`]; `child` 0 (the root, no node's child) is empty.
#[derive(Debug, Clone, Copy, Default)]
struct Edge {
    hash: u64,
    node: u32,
    child: u32,
}

impl Edges {
    fn new(map: &FxHashMap<(u32, u64), u32>) -> Edges {
        let bits = (2 * map.len()).next_power_of_two().trailing_zeros().max(4);
        let mut t = Edges {
            slots: vec![Edge::default(); 1 << bits],
            shift: 64 - bits,
        };
        let mask = t.slots.len() - 1;
        for (&(node, hash), &child) in map {
            let mut i = t.slot(node, hash);
            while t.slots[i].child != 0 {
                i = (i + 1) & mask;
            }
            t.slots[i] = Edge { hash, node, child };
        }
        t
    }

    /// Where the probe for (node, hash) starts: the high bits, which the
    /// word hash mixes best.
    #[inline(always)]
    fn slot(&self, node: u32, hash: u64) -> usize {
        (hash.wrapping_add(u64::from(node).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> self.shift)
            as usize
    }

    /// The child of `node` along the word hashed `hash`.
    #[inline(always)]
    fn get(&self, node: u32, hash: u64) -> Option<u32> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.slot(node, hash);
        loop {
            let e = *self.slots.get(i)?;
            if e.child == 0 {
                return None;
            }
            if e.hash == hash && e.node == node {
                return Some(e.child);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Hits in the order [`PhraseSet::find_skipping`] gives them.
fn sort_hits(hits: &mut [PhraseHit]) {
    hits.sort_unstable_by_key(|h| (h.end, h.start, h.pattern));
}

/// A phrase found in a word list: words `start..end`, pattern index, and
/// how many words it has (`end - start` less the words passed over, see
/// [`PhraseSet::find_skipping`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
    pub words: usize,
}

impl PhraseSet {
    /// The set of `phrases` (ids are their indices; empty phrases are never
    /// found). Fails when two different words of the phrases share a hash.
    pub fn new(phrases: &[Vec<String>]) -> Result<PhraseSet, String> {
        let mut set = PhraseSet {
            #[cfg(test)]
            phrases: phrases.to_vec(),
            edges: Edges::default(),
            word_in: vec![String::new()],
            ends: vec![Vec::new()],
            first: WordBits::default(),
        };
        let mut edges: FxHashMap<(u32, u64), u32> = FxHashMap::default();
        for (i, p) in phrases.iter().enumerate() {
            let Some(w) = p.first() else {
                continue;
            };
            set.first.insert(word_hash(w));
            let mut node = 0u32;
            for w in p {
                let key = (node, word_hash(w));
                node = match edges.get(&key) {
                    Some(&child) if set.word_in[child as usize] == *w => child,
                    Some(&child) => {
                        return Err(format!(
                            "the words `{w}` and `{}` have the same hash; rename one",
                            set.word_in[child as usize]
                        ))
                    }
                    None => {
                        let child = set.word_in.len() as u32;
                        edges.insert(key, child);
                        set.word_in.push(w.clone());
                        set.ends.push(Vec::new());
                        child
                    }
                };
            }
            set.ends[node as usize].push(i);
        }
        set.edges = Edges::new(&edges);
        Ok(set)
    }

    /// Every occurrence (overlapping) of every phrase in `ws` (words of
    /// `words`), in the order of their last word; at one end the longer
    /// first, then by phrase id.
    pub fn find(&self, words: &Words, ws: &[Word]) -> Vec<PhraseHit> {
        let mut out = Vec::new();
        self.find_unsorted_into(words, ws, &mut out);
        sort_hits(&mut out);
        out
    }

    /// The hits of [`PhraseSet::find`], in the order the walks find them
    /// (by first word, then length), into `out` (cleared first).
    pub fn find_unsorted_into(&self, words: &Words, ws: &[Word], out: &mut Vec<PhraseHit>) {
        // (`find_skipping` with nothing to pass over, the test taken out of
        // the loops.)
        out.clear();
        if let Some(m) = words.mark_of(&self.first) {
            // (The words' own answer of `first`.)
            for (s, w) in ws.iter().enumerate() {
                if w.marks() & m != 0 {
                    self.walk(words, ws, s, 0, out);
                }
            }
            return;
        }
        for (s, w) in ws.iter().enumerate() {
            if self.first.may_contain(w.hash) {
                self.walk(words, ws, s, 0, out);
            }
        }
    }

    /// [`PhraseSet::find`] on `ws` as if the punctuation words tagged `skip`
    /// (`,` for agency names) were not there, without copying the others:
    /// no phrase starts at one, and a phrase runs across them. The hits'
    /// `start..end` are indices into `ws` (so they may cover such words);
    /// `skip` 0 passes over nothing.
    pub fn find_skipping(&self, words: &Words, ws: &[Word], skip: u8) -> Vec<PhraseHit> {
        let mut out = Vec::new();
        for s in 0..ws.len() {
            let w = &ws[s];
            if (skip == 0 || w.punct() != skip) && self.first.may_contain(w.hash) {
                self.walk(words, ws, s, skip, &mut out);
            }
        }
        sort_hits(&mut out);
        out
    }

    /// The phrases that start at `ws[s]` (not a word tagged `skip`), added
    /// to `out` as [`PhraseSet::find_skipping`] finds them.
    #[inline(always)]
    fn walk(&self, words: &Words, ws: &[Word], s: usize, skip: u8, out: &mut Vec<PhraseHit>) {
        let mut node = 0u32;
        let mut n = 0;
        for (e, w) in ws[s..].iter().enumerate() {
            if skip != 0 && w.punct() == skip {
                continue;
            }
            match self.edges.get(node, w.hash) {
                Some(child) if same_spelling(self.word_in[child as usize].as_bytes(), words, w) => {
                    node = child
                }
                _ => break,
            }
            n += 1;
            for &p in &self.ends[node as usize] {
                out.push(PhraseHit {
                    start: s,
                    end: s + e + 1,
                    pattern: p,
                    words: n,
                });
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    key: Option<String>,
    level: String,
    requested: bool,
}

/// The compiled agency dictionary.
#[derive(Debug, Clone, Default)]
pub struct AgencyDict {
    aliases: PhraseSet,
    entries: Vec<Entry>,
    /// The abbreviations, by the [`phrase_key`] of their short words.
    abbr: FxHashMap<u64, Vec<Abbreviation>>,
    /// The first words of the abbreviations.
    abbr_first: WordSet,
    abbr_max: usize,
    /// The first words of the aliases and of the abbreviations: the words
    /// [`AgencyDict::find_bodies_in`] looks at.
    scan: WordBits,
}

/// One row of `agency_abbreviations.tsv`: the short form's words, and the
/// long form's words with their hashes.
#[derive(Debug, Clone)]
struct Abbreviation {
    short: Vec<String>,
    long: Vec<(u64, String)>,
}

/// The key of a sequence of words in [`AgencyDict`]'s abbreviations: a hash
/// of their hashes.
fn phrase_key(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(HASH_START, hash_step)
}

const LEVELS: [&str; 4] = ["national", "province", "district", "commune"];

/// Whether hit `h` over `ws` cannot name a body: it runs across a sentence
/// or bracket stop, or covers only part of an abbreviation's expansion
/// (which is matched whole or not at all).
fn cannot_name(ws: &[Word], h: &PhraseHit) -> bool {
    if ws[h.start..h.end]
        .iter()
        .any(|w| matches!(w.punct(), b';' | b'.' | b':' | b'(' | b')'))
    {
        return true;
    }
    let (start, end) = (ws[h.start].start, ws[h.end - 1].end);
    (h.start > 0 && ws[h.start - 1].start == start) || (h.end < ws.len() && ws[h.end].end == end)
}

impl AgencyDict {
    /// The dictionary from `agencies.tsv` alone (no abbreviations).
    pub fn from_table(t: &Table) -> Result<AgencyDict, TableError> {
        let (ck, cl, cr, ca) = (
            t.col("key")?,
            t.col("level")?,
            t.col("role")?,
            t.col("alias")?,
        );
        let mut phrases = Vec::new();
        let mut entries = Vec::new();
        let mut seen: FxHashSet<Vec<String>> = FxHashSet::default();
        for row in &t.rows {
            let key = t.get(row, ck).trim();
            let level = t.get(row, cl).trim();
            let role = t.get(row, cr).trim();
            let alias = t.get(row, ca).trim();
            if key.is_empty() || alias.is_empty() {
                return Err(t.error(row, "key and alias are required"));
            }
            if !level.is_empty() && !LEVELS.contains(&level) {
                return Err(t.error(row, format!("unknown level `{level}`")));
            }
            if !role.is_empty() && role != "requested" {
                return Err(t.error(row, format!("unknown role `{role}`")));
            }
            let ws = phrase_words(alias);
            if ws.is_empty() || !seen.insert(ws.clone()) {
                continue;
            }
            phrases.push(ws);
            entries.push(Entry {
                key: (key != "-").then(|| key.to_string()),
                level: level.to_string(),
                requested: role == "requested",
            });
        }
        let aliases = PhraseSet::new(&phrases).map_err(|e| TableError {
            file: t.file.clone(),
            line: 0,
            message: e,
        })?;
        Ok(AgencyDict {
            entries,
            abbr: FxHashMap::default(),
            abbr_first: WordSet::default(),
            abbr_max: 0,
            scan: aliases.first.clone(),
            aliases,
        })
    }

    /// The dictionary from `agencies.tsv` and `agency_abbreviations.tsv`.
    pub fn from_tables(agencies: &Table, abbreviations: &Table) -> Result<AgencyDict, TableError> {
        let mut d = AgencyDict::from_table(agencies)?;
        let (cs, cl) = (abbreviations.col("short")?, abbreviations.col("long")?);
        for row in &abbreviations.rows {
            let short = phrase_words(abbreviations.get(row, cs));
            let long = phrase_words(abbreviations.get(row, cl));
            if short.is_empty() || long.is_empty() {
                return Err(abbreviations.error(row, "short and long are required"));
            }
            d.abbr_max = d.abbr_max.max(short.len());
            d.abbr_first
                .insert(&short[0])
                .map_err(|e| abbreviations.error(row, e))?;
            d.scan.insert(word_hash(&short[0]));
            let long = long.into_iter().map(|w| (word_hash(&w), w)).collect();
            let key = phrase_key(short.iter().map(|w| word_hash(w)));
            let same = d.abbr.entry(key).or_default();
            // (A later row for the same short form replaces the earlier.)
            match same.iter_mut().find(|a| a.short == short) {
                Some(a) => a.long = long,
                None => same.push(Abbreviation { short, long }),
            }
        }
        Ok(d)
    }

    /// [`words`] with abbreviations expanded.
    pub fn words(&self, text: &str, keep_punct: bool) -> Words {
        let ws = words(text, keep_punct);
        if self.has_abbreviation(&ws, &ws) {
            self.expand(&ws, &ws)
        } else {
            ws
        }
    }

    /// The abbreviation whose short form is `part` (words of `words`).
    fn abbreviation(&self, words: &Words, part: &[Word]) -> Option<&Abbreviation> {
        let same = self.abbr.get(&phrase_key(part.iter().map(|w| w.hash)))?;
        same.iter().find(|a| {
            a.short.len() == part.len()
                && (a.short.iter().zip(part)).all(|(s, w)| s.as_bytes() == words.spelling(w))
        })
    }

    /// `ws` (words of `words`) with abbreviations expanded; every word
    /// spelled in the result's own buffer: a copy of `words`' (the words
    /// kept as they are spelled where they were, copied at once, not word
    /// by word), the expansions' words after it.
    fn expand(&self, words: &Words, ws: &[Word]) -> Words {
        let mut buf = Vec::with_capacity(words.buf.len() + 64);
        buf.extend_from_slice(&words.buf);
        let mut out = Words {
            buf,
            list: Vec::with_capacity(ws.len() + 8),
            marked: [0; 2],
        };
        let mut i = 0;
        'outer: while i < ws.len() {
            if self.abbr_first.contains(words, &ws[i]) {
                for n in (1..=self.abbr_max.min(ws.len() - i)).rev() {
                    let Some(a) = self.abbreviation(words, &ws[i..i + n]) else {
                        continue;
                    };
                    let (start, end) = (ws[i].start, ws[i + n - 1].end);
                    for (j, (hash, l)) in a.long.iter().enumerate() {
                        out.push_spelled(l, *hash, start, end, j == 0 && ws[i].upper());
                    }
                    i += n;
                    continue 'outer;
                }
            }
            out.list.push(ws[i]);
            i += 1;
        }
        out
    }

    /// Every body named in `text`, in text order, non-overlapping; where
    /// matches overlap the longest (in words) wins, then the earliest.
    pub fn find_bodies(&self, text: &str) -> Vec<BodyMatch<'_>> {
        let mut ws = Words::default();
        words_cached_into(text, true, &mut ws, &mut WordCache::for_bodies(self));
        self.find_bodies_in(&ws)
    }

    /// [`AgencyDict::find_bodies`] of a text already cut into `ws`
    /// (`words(text, true)`).
    pub fn find_bodies_in(&self, ws: &Words) -> Vec<BodyMatch<'_>> {
        let mut out = Vec::new();
        self.find_bodies_into(ws, &mut Vec::new(), &mut out);
        out
    }

    /// [`AgencyDict::find_bodies_in`] into `out` (cleared first), with
    /// `hits` as scratch: buffers a caller keeps from one text to the next.
    pub fn find_bodies_into<'d>(
        &'d self,
        ws: &Words,
        hits: &mut Vec<PhraseHit>,
        out: &mut Vec<BodyMatch<'d>>,
    ) {
        // Barrier punctuation stays as words no alias contains; commas go
        // (passed over where no abbreviation is expanded). One pass over
        // the words: the aliases from each word that may start one, unless
        // an abbreviation turns up.
        hits.clear();
        if let Some(m) = ws.mark_of(&self.scan) {
            // (The words' own answer of `scan`.)
            for s in 0..ws.len() {
                let w = &ws[s];
                if w.marks() & m == 0 || w.punct() == b',' {
                    continue;
                }
                if self.abbr_first.contains(ws, w) {
                    return self.bodies_expanded(ws, hits, out);
                }
                self.aliases.walk(ws, ws, s, b',', hits);
            }
            return self.bodies_of(ws, hits, out);
        }
        for s in 0..ws.len() {
            let w = &ws[s];
            if w.punct() == b',' || !self.scan.may_contain(w.hash) {
                continue;
            }
            if self.abbr_first.contains(ws, w) {
                return self.bodies_expanded(ws, hits, out);
            }
            self.aliases.walk(ws, ws, s, b',', hits);
        }
        self.bodies_of(ws, hits, out)
    }

    /// [`AgencyDict::find_bodies_into`] and, into `phrase_hits` (cleared
    /// first), [`PhraseSet::find_unsorted_into`] of `phrases` on the same
    /// words: in one pass over them when they carry the marks of both (cut
    /// with a [`WordCache::for_scans`] of this dictionary and `phrases`),
    /// a word with neither passed over at one test.
    pub fn find_bodies_and_phrases_into<'d>(
        &'d self,
        phrases: &PhraseSet,
        ws: &Words,
        hits: &mut Vec<PhraseHit>,
        phrase_hits: &mut Vec<PhraseHit>,
        out: &mut Vec<BodyMatch<'d>>,
    ) {
        let (Some(mb), Some(mp)) = (ws.mark_of(&self.scan), ws.mark_of(&phrases.first)) else {
            self.find_bodies_into(ws, hits, out);
            phrases.find_unsorted_into(ws, ws, phrase_hits);
            return;
        };
        hits.clear();
        phrase_hits.clear();
        let either = mb | mp;
        for s in 0..ws.len() {
            let w = &ws[s];
            let m = w.marks();
            if m & either == 0 {
                continue;
            }
            if m & mp != 0 {
                phrases.walk(ws, ws, s, 0, phrase_hits);
            }
            if m & mb == 0 || w.punct() == b',' {
                continue;
            }
            if self.abbr_first.contains(ws, w) {
                // (The phrases from the next word on, then the bodies on
                // the words with abbreviations expanded.)
                for s in s + 1..ws.len() {
                    if ws[s].marks() & mp != 0 {
                        phrases.walk(ws, ws, s, 0, phrase_hits);
                    }
                }
                return self.bodies_expanded(ws, hits, out);
            }
            self.aliases.walk(ws, ws, s, b',', hits);
        }
        self.bodies_of(ws, hits, out)
    }

    /// [`AgencyDict::find_bodies_in`] of words with an abbreviation: on the
    /// words without commas, abbreviations expanded.
    fn bodies_expanded<'d>(
        &'d self,
        ws: &Words,
        hits: &mut Vec<PhraseHit>,
        out: &mut Vec<BodyMatch<'d>>,
    ) {
        let mut kept: Vec<Word> = Vec::with_capacity(ws.len());
        kept.extend(ws.iter().filter(|w| w.punct() != b','));
        let expanded = self.expand(ws, &kept);
        self.aliases.find_unsorted_into(&expanded, &expanded, hits);
        self.bodies_of(&expanded, hits, out)
    }

    /// Whether an abbreviation may start at one of `ws` (words of `words`).
    fn has_abbreviation(&self, words: &Words, ws: &[Word]) -> bool {
        ws.iter().any(|w| self.abbr_first.contains(words, w))
    }

    /// The bodies [`AgencyDict::find_bodies_in`] chooses among the alias
    /// `hits` in `ws` (in any order; reordered and cut down here), into
    /// `out` (cleared first).
    fn bodies_of<'d>(
        &'d self,
        ws: &[Word],
        hits: &mut Vec<PhraseHit>,
        out: &mut Vec<BodyMatch<'d>>,
    ) {
        // The longest (in words) first, then the earliest; the rest (end,
        // pattern) as the sorted hits were once sorted stably on that.
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.words), h.start, h.end, h.pattern));
        // The chosen kept in front of `hits`, in the order chosen.
        let mut n = 0;
        for i in 0..hits.len() {
            let h = hits[i];
            if hits[..n].iter().any(|c| c.start < h.end && h.start < c.end) || cannot_name(ws, &h) {
                continue;
            }
            hits[n] = h;
            n += 1;
        }
        hits.truncate(n);
        // (Chosen hits do not overlap: their starts differ.)
        hits.sort_unstable_by_key(|h| h.start);
        out.clear();
        out.extend(hits.iter().map(|h| {
            let e = &self.entries[h.pattern];
            let (start, end) = (ws[h.start].start, ws[h.end - 1].end);
            BodyMatch {
                key: e.key.as_deref(),
                start,
                end,
                level: &e.level,
                requested: e.requested,
            }
        }));
    }

    /// Every agency named in `text`, in text order, non-overlapping, longest
    /// match first; bodies without a SPEC key are left out.
    pub fn find_all(&self, text: &str) -> Vec<AgencyMatch> {
        self.find_bodies(text)
            .into_iter()
            .filter_map(|b| {
                Some(AgencyMatch {
                    key: b.key?.to_string(),
                    start: b.start,
                    end: b.end,
                    name: b.name(text).to_string(),
                    level: b.level.to_string(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;
    use aho_corasick::AhoCorasick;

    /// [`PhraseSet::find`] as the first version did it: one aho-corasick
    /// automaton over the words joined by spaces.
    fn find_with_automaton(set: &PhraseSet, ws: &Words) -> Vec<PhraseHit> {
        let pats: Vec<String> = set
            .phrases
            .iter()
            .map(|p| format!(" {} ", p.join(" ")))
            .collect();
        let ac = AhoCorasick::new(&pats).unwrap();
        let mut joined = String::from(" ");
        let mut starts = Vec::new();
        for w in ws.iter() {
            starts.push(joined.len());
            joined.push_str(ws.text(w));
            joined.push(' ');
        }
        ac.find_overlapping_iter(&joined)
            .filter_map(|m| {
                let s = starts.binary_search(&(m.start() + 1)).ok()?;
                let p = m.pattern().as_usize();
                let e = s + set.phrases[p].len();
                (e <= ws.len() && e > s).then_some(PhraseHit {
                    start: s,
                    end: e,
                    pattern: p,
                    words: e - s,
                })
            })
            .collect()
    }

    /// Bodies found with commas passed over are those found in a copy of
    /// the words without the commas (as first done).
    fn check_comma_skipping(dict: &AgencyDict, text: &str) {
        let ws = words(text, true);
        let kept: Vec<Word> = ws.iter().filter(|w| w.punct() != b',').copied().collect();
        let mut want = Vec::new();
        if dict.has_abbreviation(&ws, &kept) {
            let expanded = dict.expand(&ws, &kept);
            let mut hits = dict.aliases.find(&expanded, &expanded);
            dict.bodies_of(&expanded, &mut hits, &mut want);
        } else {
            let mut hits = dict.aliases.find(&ws, &kept);
            dict.bodies_of(&kept, &mut hits, &mut want);
        }
        assert_eq!(dict.find_bodies_in(&ws), want, "{text:?}");
        // And `bodies_of` chooses as the first version did.
        let mut hits = dict.aliases.find_skipping(&ws, &ws, b',');
        let mut got = Vec::new();
        let first = bodies_of_reference(dict, &ws, hits.clone());
        dict.bodies_of(&ws, &mut hits, &mut got);
        assert_eq!(got, first, "{text:?}");
    }

    /// [`AgencyDict::bodies_of`] as first written: hits in
    /// [`PhraseSet::find_skipping`] order, two stable sorts, a vector of
    /// the chosen.
    fn bodies_of_reference<'d>(
        dict: &'d AgencyDict,
        ws: &[Word],
        mut hits: Vec<PhraseHit>,
    ) -> Vec<BodyMatch<'d>> {
        hits.sort_by(|a, b| b.words.cmp(&a.words).then(a.start.cmp(&b.start)));
        let mut chosen: Vec<PhraseHit> = Vec::new();
        for h in hits {
            if chosen.iter().any(|c| c.start < h.end && h.start < c.end) || cannot_name(ws, &h) {
                continue;
            }
            chosen.push(h);
        }
        chosen.sort_by_key(|h| h.start);
        chosen
            .into_iter()
            .map(|h| {
                let e = &dict.entries[h.pattern];
                BodyMatch {
                    key: e.key.as_deref(),
                    start: ws[h.start].start,
                    end: ws[h.end - 1].end,
                    level: &e.level,
                    requested: e.requested,
                }
            })
            .collect()
    }

    /// [`AgencyDict::expand`] as first written: every word's spelling
    /// copied into the new buffer in order.
    fn expand_reference(dict: &AgencyDict, words: &Words, ws: &[Word]) -> Words {
        let mut out = Words::default();
        let mut i = 0;
        'outer: while i < ws.len() {
            if dict.abbr_first.contains(words, &ws[i]) {
                for n in (1..=dict.abbr_max.min(ws.len() - i)).rev() {
                    let Some(a) = dict.abbreviation(words, &ws[i..i + n]) else {
                        continue;
                    };
                    let (start, end) = (ws[i].start, ws[i + n - 1].end);
                    for (j, (hash, l)) in a.long.iter().enumerate() {
                        out.push_spelled(l, *hash, start, end, j == 0 && ws[i].upper());
                    }
                    i += n;
                    continue 'outer;
                }
            }
            let w = ws[i];
            let at = out.buf.len() as u32;
            out.buf.extend_from_slice(words.spelling(&w));
            out.list.push(Word { at, ..w });
            i += 1;
        }
        out
    }

    #[test]
    fn expanded_words_are_the_word_by_word_copy() {
        let dict = &Patterns::builtin().agencies;
        let mut expanded = 0;
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                let ws = words(line, true);
                let kept: Vec<Word> = ws.iter().filter(|w| w.punct() != b',').copied().collect();
                for part in [&ws[..], &kept[..]] {
                    let got = dict.expand(&ws, part);
                    assert_eq!(
                        fields(&got),
                        fields(&expand_reference(dict, &ws, part)),
                        "{line:?}"
                    );
                    expanded += usize::from(got.len() != part.len());
                }
            }
        }
        assert!(expanded > 0);
    }

    #[test]
    fn comma_skipping_finds_what_a_copy_without_commas_finds() {
        let dict = &Patterns::builtin().agencies;
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                check_comma_skipping(dict, line);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn comma_skipping_agrees_on_random_lists(
            parts in proptest::collection::vec(
                "(Sở|Lao động|Thương binh|và|Xã hội|Công an|huyện|Phòng|Y tế|Văn hóa|UBND|LĐ-TB&XH|Hội|Liên hiệp|Phụ nữ|, |; |\\. |\\(|\\)| )",
                0..16,
            )
        ) {
            check_comma_skipping(&Patterns::builtin().agencies, &parts.join(" "));
            check_comma_skipping(&Patterns::builtin().agencies, &parts.concat());
        }
    }

    #[test]
    fn word_matching_finds_what_the_automaton_finds() {
        let p = Patterns::builtin();
        let mut hits = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            for line in text.lines() {
                let ws = words(line, true);
                let found = p.agencies.aliases.find(&ws, &ws);
                assert_eq!(
                    found,
                    find_with_automaton(&p.agencies.aliases, &ws),
                    "{line}"
                );
                hits += found.len();
            }
        }
        assert!(hits > 100, "{hits}");
        // Overlapping and nested phrases, a phrase twice, an empty one.
        let set = PhraseSet::new(&[
            phrase_words("Sở Y tế"),
            phrase_words("y tế"),
            phrase_words("tế"),
            phrase_words("Y TẾ"),
            vec![],
        ])
        .unwrap();
        let ws = words("Sở Y tế, y tế và tế", true);
        let found = set.find(&ws, &ws);
        assert_eq!(found, find_with_automaton(&set, &ws));
        assert_eq!(found.len(), 8);
    }

    #[test]
    fn no_combining_mark_where_words_skips_the_check() {
        let ranges = [0x80u32..0x300, 0x1E00..0x1F00];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(surely_not_mark(s.as_bytes(), 0), "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
        }
        assert!(!surely_not_mark("\u{301}".as_bytes(), 0));
    }

    fn keys(text: &str) -> Vec<String> {
        Patterns::builtin()
            .agencies
            .find_all(text)
            .into_iter()
            .map(|m| m.key)
            .collect()
    }

    #[test]
    fn words_fold_split_and_drop_va() {
        let ws = words("Lao động-Thương binh và Xã hội", false).texts();
        assert_eq!(ws, ["lao", "đông", "thương", "binh", "xa", "hôi"]);
        let ws = words("a, b; c", true);
        assert_eq!(ws.len(), 5);
        assert_eq!(ws.text(&ws[1]), ",");
        assert_eq!((ws[1].punct(), ws[0].punct()), (b',', 0));
    }

    /// [`words`] as first written (a `String` per word, NFC and lowercase per
    /// letter, fold to spot "và"): the fast version must agree with it.
    fn words_reference(text: &str, keep_punct: bool) -> Vec<(String, usize, usize, bool)> {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        let strip = |c: char| -> char {
            if c.is_ascii() {
                return c;
            }
            let s: String = std::iter::once(c)
                .nfd()
                .filter(|d| !['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'].contains(d))
                .nfc()
                .collect();
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(b), None) => b,
                _ => c,
            }
        };
        let mut out = Vec::new();
        let (mut cur, mut cur_fold) = (String::new(), String::new());
        let (mut cur_start, mut cur_upper) = (0, false);
        let mut units: Vec<(usize, usize)> = Vec::new();
        for (b, c) in text.char_indices() {
            match units.last_mut() {
                Some(u) if is_combining_mark(c) => u.1 = b + c.len_utf8(),
                _ => units.push((b, b + c.len_utf8())),
            }
        }
        units.push((text.len(), text.len()));
        for (b, e) in units {
            let unit = &text[b..e];
            let base = unit.chars().next().unwrap_or(' ');
            if b < text.len() && base.is_alphanumeric() {
                if cur.is_empty() {
                    cur_start = b;
                    cur_upper = base.is_uppercase();
                }
                for c in unit.nfc() {
                    for l in c.to_lowercase() {
                        cur_fold.push(l);
                        cur.push(strip(l));
                    }
                }
            } else {
                if !cur.is_empty() && fold(&cur_fold) != "và" {
                    out.push((std::mem::take(&mut cur), cur_start, b, cur_upper));
                }
                cur.clear();
                cur_fold.clear();
                if b < text.len() && keep_punct && KEPT_PUNCT.contains(&base) {
                    out.push((base.to_string(), b, e, false));
                }
            }
        }
        out
    }

    #[test]
    fn words_agree_with_the_reference() {
        use unicode_normalization::UnicodeNormalization;
        let mut texts: Vec<String> = [
            "Lao động-Thương binh và Xã hội; VÀ Và vÀ và\u{300} va\u{300} (Sở LĐ-TB&XH).",
            "Ủy ban MTTQ Việt Nam huyện, Toà án, Tòa án: 12,5% İstanbul ǅemal ß ﬁ",
            "\u{301}á leading mark, x\u{301}\u{323}y, Ωmega ½ ²3 ٣ 𝔘nicode",
            "",
            "và",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let nfd: Vec<String> = texts.iter().map(|t| t.nfd().collect()).collect();
        texts.extend(nfd);
        // Every char below U+2100 (and some above) as a letter in a word.
        let all: String = (0..0x2200u32)
            .chain(0x1F00..0x1F10)
            .filter_map(char::from_u32)
            .flat_map(|c| ['v', c, ' ', c, 'a', ',', c])
            .collect();
        texts.push(all);
        for t in &texts {
            for keep in [false, true] {
                let ws = words(t, keep);
                let got: Vec<(String, usize, usize, bool)> = ws
                    .iter()
                    .map(|w| (ws.text(w).to_string(), w.start, w.end, w.upper()))
                    .collect();
                for w in ws.iter() {
                    assert_eq!(w.hash, word_hash(ws.text(w)), "{t:?}");
                    let kept = KEPT_PUNCT.iter().any(|&c| ws.text(w) == c.to_string());
                    assert_eq!(w.punct() != 0, kept, "{t:?}");
                }
                assert_eq!(got, words_reference(t, keep), "{t:?}");
            }
        }
    }

    proptest::proptest! {
        /// Random mixes of ASCII, Vietnamese letters (precomposed and
        /// decomposed), combining marks after anything and punctuation.
        #[test]
        fn words_agree_with_the_reference_on_random_text(
            t in "([a-zA-Z0-9 ,.;:()&-]|[ăâđêôơưĂÂĐÊÔƠƯàáạảãÀÁẠẢÃệỆởỞ]|[\u{300}\u{301}\u{303}\u{309}\u{323}\u{345}]|và|VÀ|va\u{300}){0,40}",
            keep in proptest::bool::ANY,
        ) {
            let ws = words(&t, keep);
            let got: Vec<(String, usize, usize, bool)> = ws
                .iter()
                .map(|w| (ws.text(w).to_string(), w.start, w.end, w.upper()))
                .collect();
            proptest::prop_assert_eq!(got, words_reference(&t, keep));
            for w in ws.iter() {
                proptest::prop_assert_eq!(w.hash, word_hash(ws.text(w)));
            }
        }
    }

    /// The words of `ws` as (spelling, start, end, upper, punct, hash).
    fn fields(ws: &Words) -> Vec<(String, usize, usize, bool, u8, u64)> {
        ws.iter()
            .map(|w| {
                (
                    ws.text(w).to_string(),
                    w.start,
                    w.end,
                    w.upper(),
                    w.punct(),
                    w.hash,
                )
            })
            .collect()
    }

    /// Whether every word of `ws` carries the answers of `sets` (bit 0,
    /// bit 1) in its `marks`, and `ws` names them; with no sets, that no
    /// word has marks and `ws` names no set.
    fn check_marks(ws: &Words, sets: Option<(&WordBits, &WordBits)>) {
        match sets {
            Some((a, b)) => {
                assert_eq!(ws.mark_of(a), Some(1));
                assert_eq!(ws.mark_of(b), Some(2));
                for w in ws.iter() {
                    let want =
                        u8::from(a.may_contain(w.hash)) | u8::from(b.may_contain(w.hash)) << 1;
                    assert_eq!(w.marks(), want, "{:?}", ws.text(w));
                }
            }
            None => {
                assert_eq!(ws.marked, [0, 0]);
                assert!(ws.iter().all(|w| w.marks() == 0));
                assert_eq!(ws.mark_of(&WordBits::default()), None);
            }
        }
    }

    /// The precomposed reader, where it reads a text, cuts it as the
    /// general one does, with the words of `cache` (those of the texts
    /// before; its words marked with `sets`, see [`WordCache::for_scans`])
    /// and with none.
    fn check_precomposed<const N: usize>(
        text: &str,
        cache: &mut [CachedWord; N],
        sets: Option<(&WordBits, &WordBits)>,
    ) -> bool {
        let marks = sets.map_or(NO_MARKS, |(a, b)| Marks::new(a, b));
        let mut read = false;
        // Into words of another text, as the extractors reuse them.
        let mut fast = words("Sở Y tế, UBND (huyện); và các xã", true);
        for keep in [false, true] {
            let general = words_general(text, keep);
            check_marks(&general, None);
            if words_precomposed(text, keep, &mut fast, cache, &marks) {
                assert_eq!(fields(&fast), fields(&general), "{text:?}");
                check_marks(&fast, sets);
                read = true;
            }
            let uncached = words_precomposed(
                text,
                keep,
                &mut fast,
                &mut [CachedWord::default(); 1],
                &NO_MARKS,
            );
            assert_eq!(uncached, read, "{text:?}");
            if uncached {
                assert_eq!(fields(&fast), fields(&general), "{text:?}");
                check_marks(&fast, None);
            }
        }
        read
    }

    /// Two sets of words to mark words with: `dict`'s scan and some words
    /// and punctuation of the plans.
    fn mark_sets(dict: &AgencyDict) -> (WordBits, WordBits) {
        let mut some = WordBits::default();
        for w in ["so", "ubnd", "cac", ",", "(", ".", ":", "tinh", "phoi"] {
            some.insert(word_hash(w));
        }
        (dict.scan.clone(), some)
    }

    #[test]
    fn a_cache_takes_kept_slots_only_with_its_sets() {
        let p = crate::patterns::Patterns::builtin();
        let (a, b) = mark_sets(&p.agencies);
        let (mut c, d) = (WordBits::default(), WordBits::default());
        c.insert(word_hash("xa"));
        let text = "Sở Y tế, UBND các xã phối hợp (tỉnh) VÀ Đoàn: Xã XA 2021.";
        let want = fields(&words_general(text, true));
        let mut ws = Words::default();
        let cut = |cache: &mut WordCache, ws: &mut Words| {
            words_cached_into(text, true, ws, cache);
            assert_eq!(fields(ws), want);
        };
        let mut cache = WordCache::with_marks(Marks::new(&a, &b));
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&a, &b)));
        drop(cache);
        // The thread's next cache with the same sets has the words.
        let mut cache = WordCache::with_marks(Marks::new(&a, &b));
        assert!(cache.slots().iter().filter(|s| s.raw != 0).count() >= 8);
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&a, &b)));
        drop(cache);
        // One with other sets, or none, starts empty.
        let mut cache = WordCache::with_marks(Marks::new(&c, &d));
        assert!(cache.slots().iter().all(|s| s.raw == 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&c, &d)));
        drop(cache);
        let mut cache = WordCache::default();
        assert!(cache.slots().iter().all(|s| s.raw == 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, None);
        drop(cache);
        // The thread keeps the slots of each set (up to `SPARE_MAX`).
        let mut cache = WordCache::with_marks(Marks::new(&a, &b));
        assert!(cache.slots().iter().any(|s| s.raw != 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&a, &b)));
        drop(cache);
        let mut cache = WordCache::with_marks(Marks::one(&a));
        assert!(cache.slots().iter().all(|s| s.raw == 0));
        cut(&mut cache, &mut ws);
        assert_eq!(ws.mark_of(&a), Some(1));
        assert_eq!(ws.mark_of(&b), None);
        for w in ws.iter() {
            assert_eq!(
                w.marks(),
                u8::from(a.may_contain(w.hash)),
                "{:?}",
                ws.text(w)
            );
        }
        drop(cache);
        // (That one took the slots of the oldest, `c` and `d`'s, cleared.)
        let mut cache = WordCache::with_marks(Marks::new(&c, &d));
        assert!(cache.slots().iter().all(|s| s.raw == 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&c, &d)));
        drop(cache);
        let mut cache = WordCache::with_marks(Marks::new(&a, &b));
        assert!(cache.slots().iter().any(|s| s.raw != 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, Some((&a, &b)));
        drop(cache);
        let mut cache = WordCache::default();
        assert!(cache.slots().iter().all(|s| s.raw == 0));
        cut(&mut cache, &mut ws);
        check_marks(&ws, None);
        // Two at once: the second has slots of its own.
        let mut other = WordCache::default();
        assert!(other.slots().iter().all(|s| s.raw == 0));
        cut(&mut other, &mut ws);
        cut(&mut cache, &mut ws);
        check_marks(&ws, None);
    }

    #[test]
    fn marked_words_scan_as_unmarked_ones_on_the_plans() {
        let p = crate::patterns::Patterns::builtin();
        let dict = &p.agencies;
        let mut cache = WordCache::for_scans(dict, &dict.aliases);
        let mut unmarked = WordCache::default();
        let (mut ws, mut plain) = (Words::default(), Words::default());
        let (mut hits, mut out) = (Vec::new(), Vec::new());
        let (mut lines, mut found) = (0, 0);
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                lines += 1;
                words_cached_into(line, true, &mut ws, &mut cache);
                words_cached_into(line, true, &mut plain, &mut unmarked);
                let general = words_general(line, true);
                assert!(ws.mark_of(&dict.scan).is_some());
                assert!(ws.mark_of(&dict.aliases.first).is_some());
                assert_eq!(plain.mark_of(&dict.scan), None);
                let want = dict.find_bodies_in(&general);
                assert_eq!(dict.find_bodies(line), want, "{line:?}");
                dict.find_bodies_into(&ws, &mut hits, &mut out);
                assert_eq!(out, want, "{line:?}");
                dict.find_bodies_into(&plain, &mut hits, &mut out);
                assert_eq!(out, want, "{line:?}");
                found += want.len();
                let mut want = Vec::new();
                dict.aliases
                    .find_unsorted_into(&general, &general, &mut want);
                dict.aliases.find_unsorted_into(&ws, &ws, &mut hits);
                assert_eq!(hits, want, "{line:?}");
                // (And on a part of the words.)
                let h = ws.len() / 2;
                dict.aliases
                    .find_unsorted_into(&general, &general[h..], &mut want);
                dict.aliases.find_unsorted_into(&ws, &ws[h..], &mut hits);
                assert_eq!(hits, want, "{line:?}");
            }
        }
        assert!(lines > 1000 && found > 300, "{lines} {found}");
        // Words marked by a dictionary are not taken as marked by a copy
        // changed since.
        let mut other = dict.clone();
        other.scan.insert(word_hash("khac"));
        other.aliases.first.insert(word_hash("khac"));
        assert_eq!(ws.mark_of(&other.scan), None);
        assert_eq!(ws.mark_of(&other.aliases.first), None);
    }

    #[test]
    fn precomposed_words_are_the_general_ones_on_the_plans() {
        let (mut lines, mut read) = (0, 0);
        // A document's cache, and a small one whose words keep replacing
        // each other.
        let mut cache = WordCache::default();
        let mut small = [CachedWord::default(); 16];
        // And both with their words marked.
        let p = crate::patterns::Patterns::builtin();
        let (a, b) = mark_sets(&p.agencies);
        // (Slots of no cache: their words' marks are of other sets than
        // the cache's, which must not leave them to the next.)
        let mut marked = new_slots();
        let mut marked_small = [CachedWord::default(); 16];
        for text in crate::test_support::plan_texts() {
            for line in text.lines() {
                lines += 1;
                read += usize::from(check_precomposed(line, cache.slots(), None));
                check_precomposed(line, &mut small, None);
                check_precomposed(line, &mut marked, Some((&a, &b)));
                check_precomposed(line, &mut marked_small, Some((&a, &b)));
            }
        }
        assert!(marked.iter().filter(|c| c.tag.marks() != 0).count() > 50);
        // Every line of the plans is precomposed, and most words are read
        // from the cache.
        assert_eq!(read, lines);
        assert!(lines > 1000, "{lines}");
        assert!(cache.slots().iter().filter(|c| c.raw != 0).count() > 1000);
        // What it does not read goes to the general reader.
        for t in [
            "x\u{301}",
            "a\u{323}b",
            "\u{301}",
            "İstanbul",
            "a\u{20D0}",
            "\u{1D167}",
        ] {
            assert!(
                !words_precomposed(t, true, &mut Words::default(), cache.slots(), &NO_MARKS),
                "{t:?}"
            );
        }
        assert!(words_precomposed(
            "½ ²3 ٣ 𝔘nicode ß ǅemal ﬁ Ωmega",
            true,
            &mut Words::default(),
            cache.slots(),
            &NO_MARKS,
        ));
    }

    proptest::proptest! {
        /// Random mixes of ASCII, precomposed Vietnamese, and any char,
        /// cut one after the other with one cache (of few slots, so that
        /// words replace each other) as a document's sentences are.
        #[test]
        fn precomposed_words_are_the_general_ones_on_random_text(
            ts in proptest::collection::vec(
                "([a-zA-Z0-9 ,.;:()&-]|[ăâđêôơưĂÂĐÊÔƠƯàáạảãÀÁẠẢÃệỆởỞỳỸ]|và|VÀ|vÀ|.){0,40}",
                1..6,
            ),
        ) {
            let mut cache = [CachedWord::default(); 4];
            // And marked with two sets of short words and punctuation.
            let (mut a, mut b) = (WordBits::default(), WordBits::default());
            for w in ["a", "b", "ab", "a1", ",", "(", ".", "a", "đ", "e"] {
                a.insert(word_hash(w));
            }
            for w in ["a", "c", "z9", ";", ")", ":", "o", "u"] {
                b.insert(word_hash(w));
            }
            let mut marked = [CachedWord::default(); 4];
            for t in ts.iter().chain(&ts) {
                check_precomposed(t, &mut cache, None);
                check_precomposed(t, &mut marked, Some((&a, &b)));
            }
        }
    }

    /// [`word_bytes`] byte by byte.
    fn word_bytes_reference(w: u64) -> usize {
        w.to_le_bytes()
            .iter()
            .take_while(|&&b| b >= 0x80 || b.is_ascii_alphanumeric())
            .count()
    }

    #[test]
    fn tail_bytes_are_the_zero_padded_copy() {
        let text = "ab\u{1ec7}c, d";
        for a in 0..text.len() {
            for b in a..text.len().min(a + 8) {
                let rest = &text.as_bytes()[a..b];
                let mut padded = [0u8; 8];
                padded[..rest.len()].copy_from_slice(rest);
                assert_eq!(tail_bytes(rest), u64::from_le_bytes(padded), "{rest:?}");
            }
        }
    }

    #[test]
    fn word_bytes_tells_every_byte() {
        // Every byte value at every place, between word bytes.
        for b in 0..=255u8 {
            for k in 0..8 {
                for fill in [b'a', 0xC3, b'Z', b'5'] {
                    let mut x = [fill; 8];
                    x[k] = b;
                    let w = u64::from_le_bytes(x);
                    assert_eq!(word_bytes(w), word_bytes_reference(w), "{x:?}");
                    assert_eq!(word_bytes_swar(w), word_bytes_reference(w), "{x:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_bytes_agrees_on_random_words(w in proptest::num::u64::ANY) {
            proptest::prop_assert_eq!(word_bytes(w), word_bytes_reference(w));
            proptest::prop_assert_eq!(word_bytes_swar(w), word_bytes_reference(w));
        }
    }

    #[test]
    fn a_spelling_takes_at_most_twice_its_bytes() {
        // The precomposed reader sizes its buffer on it.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let ci = char_info_slow(c);
            if ci.alnum && ci.fast && !ci.mark {
                assert!(ci.toneless.len_utf8() <= 2 * c.len_utf8(), "{c:?}");
            }
        }
        // The worst case: a 2-byte letter whose lowercase takes 3 bytes.
        let t = "ȺȾ".repeat(50);
        let ws = words(&t, false);
        assert_eq!(ws.text(&ws[0]), "ⱥⱦ".repeat(50));
    }

    #[test]
    fn char_table_entries_keep_what_words_reads() {
        let table = char_table();
        for cp in 0..DENSE {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let (want, got) = (char_info_slow(c), info_of(table[cp as usize]));
            assert_eq!(
                (got.alnum, got.upper, got.mark),
                (want.alnum, want.upper, want.mark)
            );
            if got.fast {
                assert!(want.fast && got.toneless == want.toneless, "{c:?}");
            }
        }
    }

    #[test]
    fn a_spelling_of_8_bytes_or_less_is_the_only_one_with_its_hash() {
        // `same_spelling` compares only the lengths of such spellings: the
        // hash of one step gives the step's 8 bytes back.
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut inverse = K;
        for _ in 0..6 {
            inverse = inverse.wrapping_mul(2u64.wrapping_sub(K.wrapping_mul(inverse)));
        }
        assert_eq!(K.wrapping_mul(inverse), 1);
        for w in ["a", "va", "đ", "nghiêng", "thương", "12345678", "ⱥⱦ"] {
            let mut b = [0u8; 8];
            b[..w.len()].copy_from_slice(w.as_bytes());
            let back = word_hash(w).wrapping_mul(inverse) ^ HASH_START;
            assert_eq!(back, u64::from_le_bytes(b), "{w:?}");
        }
    }

    #[test]
    fn word_hash_reads_8_bytes_a_step() {
        let mut seen = FxHashSet::default();
        for w in [
            "",
            "a",
            "va",
            "nghiêng",
            "thương",
            "12345678",
            "123456789",
            "ⱥⱦⱥⱦⱥⱦ",
        ] {
            assert!(seen.insert(word_hash(w)), "{w:?}");
            let ws = words(w, false);
            if let Some(x) = ws.first() {
                assert_eq!(x.hash, word_hash(w));
            }
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "- Phối hợp với Sở LĐ-TB&XH tỉnh và Công an huyện.";
        let m = Patterns::builtin().agencies.find_all(text);
        assert_eq!(m.len(), 2);
        assert_eq!(&text[m[0].start..m[0].end], "Sở LĐ-TB&XH");
        assert_eq!(m[0].name, "Sở LĐ-TB&XH");
        assert_eq!(m[0].key, "labour_social_affairs");
        assert_eq!(m[1].name, "Công an huyện");
        assert_eq!(m[1].level, "district");
    }

    #[test]
    fn decomposed_text_is_matched_with_its_own_offsets() {
        use unicode_normalization::UnicodeNormalization;
        let text: String = "Phối hợp với Công an huyện".nfd().collect();
        let m = Patterns::builtin().agencies.find_all(&text);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].key, "police");
        assert_eq!(m[0].name, &text[m[0].start..m[0].end]);
        assert!(m[0].name.starts_with("Co"));
    }

    #[test]
    fn longest_alias_wins() {
        assert_eq!(keys("Phòng Văn hóa - Xã hội"), ["culture_social"]);
        assert_eq!(keys("Phòng Văn hóa và Thông tin"), ["culture"]);
        assert_eq!(
            keys("Trung tâm Văn hóa, Thể thao và Truyền thông huyện"),
            ["media"]
        );
        assert_eq!(
            keys("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
            ["people_committee_office"]
        );
    }
}
