"""Chinese search over the catalogue, used by the CLI and the UI alike.

Why not FTS5: the trigram tokenizer matches nothing for 1–2 character
queries, and LIKE on a trigram table misses CJK text on SQLite 3.40 (Debian 12).
Instead the snapshot carries precomputed keys (folded text, lexicon forms and the
initials of every reading) and this module holds them in memory (keyset.py,
pinyin.py). Items are laid out in one ranking order, so every look-up meets the
best candidates first and stops early: curated hot rank, then 自然人 items, items
that can be finished at the terminal, shorter names, this kiosk's view counts.

Stages, best first (each only fills what the earlier left):
1. the whole query: exact, prefix, pinyin initials, substring of the item's own name
   and aliases; then the same on keywords (the list's and the lexicon's: helpers rank
   below what the list itself calls an item); then initials subsequences;
2. Chinese: filler dropped and the query split at the lexicon's words; a piece no item
   holds in any form split finer (a compound form of the lexicon into its words, an unknown
   run into words the list uses: 高龄补贴 -> 高龄 + 补贴) or, failing that, left out; items
   holding every part as typed in their own words first, then through the lexicon's forms
   (a query that holds such a piece, or finds nothing, also meets names with one character
   mistyped: 婚烟登记);
3. letters: southern sound-alikes, then one-letter slips (5+ letters) of the lexicon's
   and the list's short words (a SymSpell dictionary over their spellings), then the
   initials of a whole-syllable reading (she bao cha xun -> sbcx);
4. Chinese: items holding only some of the parts;
5. never a dead end: items sharing the most character pairs (``closest``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Generic

from kiosk.search import highlight, lexicon
from kiosk.search import text as textnorm
from kiosk.search.hits import (  # noqa: F401 - the tiers are part of this module's API
    HELPER_TIER,
    SHORT_NAME,
    TIER_CLOSEST,
    TIER_EXACT,
    TIER_FUZZY,
    TIER_FUZZY_KEYWORD,
    TIER_INITIALS,
    TIER_KEYWORD,
    TIER_MISTYPED,
    TIER_PARTS,
    TIER_PARTS_KEYWORD,
    TIER_PARTS_OWN,
    TIER_PREFIX,
    TIER_SLIP,
    TIER_SOME,
    TIER_SOUNDALIKE,
    TIER_SPELT,
    TIER_SPELT_KEYWORD,
    TIER_SUBSTRING,
    TIER_WORDS,
    TIER_WORDS_KEYWORD,
    S,
    SearchHit,
    prior_order,
)
from kiosk.search.keyset import Found, KeySet
from kiosk.search.pinyin import PinyinMatcher, SlipIndex
from kiosk.search.postings import HashedPostings

#: Longer input is cut: nobody types more at a kiosk, and it bounds the work.
MAX_QUERY = 64

#: Weak matches (initials scattered in a name, query parts, sound-alikes, slips) are looked
#: for only while fewer results than this are found: they would only lengthen a good list,
#: and filling 50 places with them cost 2-3 ms a key press (5 and 10 score the same on
#: bench-relevance; 5 is 2-4x faster on pinyin).
FUZZY_FILL = 5
#: Character pairs of a query that found nothing compared with the names (closest items).
CLOSEST_PAIRS = 4
#: Keywords up to this long are the vocabulary sound-alikes and slips are matched against.
VOCAB_LEN = 8
#: Keys a part's candidates are drawn from (best first), bounding work on big lists.
PART_CANDIDATES = 150
#: The longest piece an unknown run of a query is split into when no item holds the run.
VOCAB_PIECE = 4
#: Texts whose presence in the keys is remembered (forms and pieces of queries).
HELD_MEMO = 4096
#: Keywords of this many syllables or more are phrases (孩子上户口): 1-3 initials only beginning
#: them rank after whole words.
PHRASE_SYLLABLES = 5
#: Chinese queries this long (characters) are also looked for with one character mistyped.
MISTYPED_LEN = (3, 8)

Step = Callable[[int, Found, "int | None"], list[int]]


class SearchIndex(Generic[S]):
    """In-memory index over one snapshot's items.

    Built from ``(item_id, summary)`` in catalogue order, the snapshot's
    ``search_keys`` rows ``(item_id, field, norm, initials)``, its ``char_readings``
    (character -> every pinyin reading), each item's 服务对象 and the view counts by code.
    """

    def __init__(
        self,
        items: list[tuple[int, S]],
        key_rows: Iterable[tuple[int, str, str, str]],
        readings: dict[str, tuple[str, ...]],
        objects: Mapping[int, Iterable[str]] | None = None,
        views: Mapping[str, float] | None = None,
    ) -> None:
        order = prior_order(items, objects or {}, views or {})
        self.summaries: list[S] = [items[i][1] for i in order]
        pos_of = {items[i][0]: pos for pos, i in enumerate(order)}
        self._readings = readings
        lists: dict[str, list[tuple[str, int]]] = {
            k: [] for k in ("names", "text", "kw", "depts", "found", "ini_names", "ini_text",
                            "ini_kw", "ini_found", "ini_primary")}
        bags: list[list[str]] = [[] for _ in order]
        owns: list[list[str]] = [[] for _ in order]
        # field -> (its key list, its initials list, a name or alias?): looked up once per row
        # (every row of a 100,000-item list passes here at start-up)
        routes = {field: (lists[own], lists["ini_" + own], field in ("name", "alias"))
                  for field, own in (("name", "names"), ("alias", "text"), ("keyword", "kw"))}
        depts, primary = lists["depts"], lists["ini_primary"]
        other = (lists["text"], lists["ini_text"], False)
        name_of = [""] * len(order)
        aliases: list[tuple[str, str, int]] = []  # routed once every name is known
        for item_id, field, norm, ini in key_rows:
            pos = pos_of.get(item_id)
            if pos is None:
                continue
            bags[pos].append(norm)
            if field == "department":
                depts.append((norm, pos))
                continue
            if field == "alias":
                aliases.append((norm, ini, pos))
                continue
            if field == "name":
                name_of[pos] = norm
            keys, ini_keys, own_text = routes.get(field, other)
            if own_text:
                owns[pos].append(norm)
            keys.append((norm, pos))
            if ini:
                variants = ini.split("|")
                ini_keys.extend([(v, pos) for v in variants])
                if field == "name":
                    primary.append((variants[0], pos))
        # An alias inside the item's own name (the build stores the lexicon's words found there
        # so) is a word of the name: a name's substring, not another name for the item.
        for norm, ini, pos in aliases:
            word = norm != name_of[pos] and norm in name_of[pos]
            if not word:  # the name's words are in its own text already
                owns[pos].append(norm)
            keys, ini_keys = (lists["found"], lists["ini_found"]) if word else (
                lists["text"], lists["ini_text"])
            keys.append((norm, pos))
            if ini:
                ini_keys.extend([(v, pos) for v in ini.split("|")])
        #: every folded text of an item in one string, to test query parts against
        self._bags = ["\x1f".join(b) for b in bags]
        self._owns = ["\x1f".join(b) for b in owns]  # what the list itself calls the item
        sets = {name: KeySet(entries) for name, entries in lists.items()}
        self._names, self._text, self._depts = sets["names"], sets["text"], sets["depts"]
        self._ini_names, self._ini_text = sets["ini_names"], sets["ini_text"]
        self._kw, self._ini_kw = sets["kw"], sets["ini_kw"]
        self._ini_primary = sets["ini_primary"]
        self._found, self._ini_found = sets["found"], sets["ini_found"]
        self._pinyin = PinyinMatcher([self._text, self._names, self._kw], readings)
        self._own = [self._text, self._names]  # small set first
        #: short keywords and aliases: mostly the lexicon's words (those found inside a name are
        #: aliases), a few thousand whatever the list's size
        self._vocab = [KeySet.union([self._text, self._found, self._kw],
                                    lambda k: len(k) <= VOCAB_LEN)]
        self._groups: list[tuple[tuple[str, str], str]] | None = None
        self._slips: SlipIndex | None = None
        self._masks: HashedPostings | None = None
        self._held_memo: dict[str, bool] = {}
        self._hays = (self._names.hay, self._text.hay, self._kw.hay, self._depts.hay)

    def __len__(self) -> int:
        return len(self.summaries)

    # -- stage 1: the whole query ----------------------------------------------------

    def _whole_steps(self, norm: str, letters: str) -> list[tuple[int, str, Step]]:
        steps: list[tuple[int, str, Step]] = [
            (TIER_EXACT, "name", lambda k, ex, b: self._names.exact(norm, k, ex, b)),
            (TIER_EXACT, "alias", lambda k, ex, b: self._text.exact(norm, k, ex, b)),
            (TIER_PREFIX, "name", lambda k, ex, b: self._names.prefix(norm, k, ex, b)),
            (TIER_PREFIX, "alias", lambda k, ex, b: self._text.prefix(norm, k, ex, b)),
        ]
        py, own = self._pinyin, self._own
        steps += [
            (TIER_KEYWORD, "keyword", lambda k, ex, b: self._kw.exact(norm, k, ex, b)),
            (TIER_KEYWORD, "keyword", lambda k, ex, b: self._kw.prefix(norm, k, ex, b)),
            (TIER_SUBSTRING, "name", lambda k, ex, b: self._names.substring(norm, k, ex, b)),
            (TIER_SUBSTRING, "alias", lambda k, ex, b: self._text.substring(norm, k, ex, b)),
            (TIER_SUBSTRING, "department", lambda k, ex, b: self._depts.substring(norm, k, ex, b)),
            (TIER_FUZZY_KEYWORD, "keyword", lambda k, ex, b: self._kw.substring(norm, k, ex, b)),
        ]
        if letters:
            # Letters matched inside a name meet words by chance (的包 reads "di bao"; two
            # or three initials fit any long name), so whole words come first: a lexicon word
            # (低保 for dibao or db) ranks above them. For 1-3 letters a whole word is as good
            # as a name's start, and the ranking order (自然人, terminal, short, views) decides.
            short = len(letters) <= 3
            mid = TIER_FUZZY
            word = TIER_INITIALS if short else TIER_KEYWORD
            # a lexicon word inside the name (结婚登记 in 婚姻登记（内地居民结婚登记）) is a name's
            # substring: above keywords, which siblings share through their parent's name
            inside = TIER_INITIALS if short else TIER_SUBSTRING
            steps += [
                (TIER_EXACT, "pinyin", lambda k, ex, b: py.search(letters, k, ex, b, "exact", own)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_text.exact(letters, k, ex, b)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_names.exact(letters, k, ex, b)),
                (TIER_INITIALS, "initials", lambda k, ex, b: self._ini_text.prefix(letters, k, ex, b)),
                # a name begun through its likeliest reading first: another reading of one of
                # its characters (土 du, 地 de) begins it by chance (ddc: 土地承包… before 电动车)
                (TIER_INITIALS, "initials",
                 lambda k, ex, b: self._ini_primary.prefix(letters, k, ex, b)),
                (TIER_SUBSTRING, "initials",
                 lambda k, ex, b: self._ini_names.prefix(letters, k, ex, b)),
                (mid, "pinyin", lambda k, ex, b: py.search(letters, k, ex, b, "inner", own)),
                (mid, "initials", lambda k, ex, b: self._ini_text.substring(letters, k, ex, b)),
                # substrings of initials use each name's likeliest reading only: scanning
                # every variant costs 4x and a mid-name initials match is weak evidence
                (mid, "initials", lambda k, ex, b: self._ini_primary.substring(letters, k, ex, b)),
                *self._key_word_steps(letters, self._found, self._ini_found, inside, TIER_SUBSTRING,
                                      "alias"),
                *self._key_word_steps(letters, self._kw, self._ini_kw, word, TIER_KEYWORD,
                                      "keyword"),
            ]
            if len(letters) >= 2:  # one letter: the initials prefix already says it all
                steps += [
                    (TIER_PREFIX, "pinyin",
                     lambda k, ex, b: py.search(letters, k, ex, b, "prefix", own)),
                    *self._word_steps(letters),
                    (TIER_FUZZY, "initials",
                     lambda k, ex, b: self._ini_primary.subsequence(letters, k, ex, b)),
                    (TIER_FUZZY_KEYWORD, "keyword",
                     lambda k, ex, b: self._ini_kw.subsequence(letters, k, ex, b)),
                ]
        steps.sort(key=lambda st: st[0])  # stable: keeps the order within a tier
        return steps

    def _key_word_steps(self, letters: str, keys: KeySet, initials: KeySet, exact: int,
                        spelt: int, kind: str) -> list[tuple[int, str, Step]]:
        """Letters for short keys (keywords, or the lexicon's words inside a name): their
        initials (at ``exact``) or pinyin (at ``spelt``) whole, then begun."""
        py, sets = self._pinyin, [keys]
        short = len(letters) <= 3
        steps: list[tuple[int, str, Step]] = [
            (spelt, kind, lambda k, ex, b: py.search(letters, k, ex, b, "exact", sets)),
            (exact, kind, lambda k, ex, b: initials.exact(letters, k, ex, b)),
        ]
        if short:
            # For 1-3 letters a word they begin is as good as one they spell, but they also
            # begin the initials of many phrases by chance (hz: 孩子上户口, a form of 出生登记):
            # a key of five or more syllables they only begin ranks after the words (hy still
            # finds 婚姻登记 at once, hz 护照 before 孩子上户口)
            words, phrases = (0, PHRASE_SYLLABLES - 1), (PHRASE_SYLLABLES, MAX_QUERY)
            steps += [
                (exact, kind, lambda k, ex, b: initials.prefix(letters, k, ex, b, words)),
                (TIER_SUBSTRING, kind, lambda k, ex, b: initials.prefix(letters, k, ex, b, phrases)),
            ]
        else:
            steps.append((TIER_KEYWORD, kind, lambda k, ex, b: initials.prefix(letters, k, ex, b)))
        if len(letters) >= 2:
            steps.append((TIER_KEYWORD, kind,
                          lambda k, ex, b: py.search(letters, k, ex, b, "prefix", sets)))
        return steps

    def _word_steps(self, letters: str) -> list[tuple[int, str, Step]]:
        """Initials as a name's first word then one more word (sbcx: 社保…查询), 3-6 letters.

        Only for what looks like initials (at most one vowel): pinyin such as tuixiu would
        pay for regular-expression scans that cannot mean anything.
        """
        if not 3 <= len(letters) <= 6 or sum(c in "aeiouv" for c in letters) > 1:
            return []
        out: list[tuple[int, str, Step]] = []
        for cut in range(2, min(len(letters), 4)):  # a first word of two or three syllables
            head, tail = letters[:cut], letters[cut:]
            for tier, ks in ((TIER_WORDS, self._ini_primary), (TIER_WORDS_KEYWORD, self._ini_kw)):
                out.append((tier, "initials", self._two_runs_step(ks, head, tail)))
        return out

    @staticmethod
    def _two_runs_step(ks: KeySet, head: str, tail: str) -> Step:
        def step(k: int, exclude: Found, bound: int | None) -> list[int]:
            return ks.two_runs(head, tail, k, exclude, bound)
        return step

    @staticmethod
    def _run(steps: list[tuple[int, str, Step]], limit: int, found: Found, floor: int = 0) -> None:
        """Run tiered steps into ``found``; a tier's look-ups stop once nothing better can come.

        With a ``floor`` (a later stage), own-text matches land on it and helper
        matches one tier below it, so the stage keeps stage 1's main distinction.
        """
        current_tier, budget = -1, 0
        in_tier: list[int] = []  # positions found in the current tier, ascending
        for tier, kind, run in steps:
            if tier != current_tier:
                current_tier, budget, in_tier = tier, limit - len(found), []
                if budget <= 0 or (tier >= TIER_WORDS and len(found) >= FUZZY_FILL):
                    break  # enough good matches: weak ones would only lengthen the list
            # once the tier holds `budget` items, only better-ranked ones can still matter
            bound = in_tier[budget - 1] if len(in_tier) >= budget else None
            for p in run(budget, found, bound):
                if p not in found:
                    found[p] = (tier if not floor else HELPER_TIER[floor] if tier > TIER_SUBSTRING
                                else floor, kind)
                    bisect.insort(in_tier, p)

    # -- stage 2 and 4: query parts ----------------------------------------------------

    def _candidates(self, part: lexicon.Part) -> list[int]:
        """The best-ranked items holding any form of ``part`` (at most PART_CANDIDATES)."""
        seen: set[int] = set()
        for form in part.forms:
            # a snapshot's build gave every item holding one form of a term all its forms
            # (up to keys.MAX_FORMS), so once the typed form fills the list, the rest add nothing
            if len(seen) >= PART_CANDIDATES and part.kind != "action":
                break
            if not self._holds(form):
                continue  # no key holds it: spare the scans
            # distinct keys, not every item's texts: a lexicon word shared by 10,000 items is
            # scanned once (the key sets' haystacks are a tenth of all texts at 100,000 items)
            for ks in (self._names, self._text, self._kw, self._depts):
                seen.update(ks.positions_with(form, PART_CANDIDATES))
        return sorted(seen)[:PART_CANDIDATES]

    def _understand(self, chunks: list[str]) -> tuple[list[lexicon.Part], bool]:
        """The query's parts, each held by some item; and whether a piece was left out.

        A part no item holds in any of its forms cannot tell items apart: a compound
        form of the lexicon is split into shorter forms (补办社保卡 -> 补办 + 社保卡), an
        unknown run into the longest pieces the list's own words hold (创业贷款 -> 创业 +
        贷款), and what is still held by no item is left out when something else is left.
        A piece the lexicon knows (报销, 录取) is never left out: no item holding it means
        the list lacks what the resident wants, and the query then finds only some parts
        or the closest items, as before.
        """
        lex = lexicon.default()
        parts = lex.split(chunks)
        out: list[lexicon.Part] = []
        dropped = False
        for part in parts:
            if self._held(part):
                out.append(part)
                continue
            known = part.kind != "word"
            pieces = [part]
            if known and len(part.text) > 2:
                pieces = lex.split([part.text], shorter_than=len(part.text))
            if any(p.kind != "word" and not self._held(p) for p in pieces):
                out.append(part)  # a word the lexicon knows and no item holds: the list lacks it
                continue
            finer: list[lexicon.Part] = []
            left_out = False
            for piece in pieces:
                if self._held(piece):
                    finer.append(piece)
                    continue
                left_out = True
                words = (lex.part(w) for w in self._vocab_split(piece.text))
                finer += [w for w in words if self._held(w)]
            if known and len(finer) < 2:
                out.append(part)  # as above: it is no compound of words the list holds
                continue
            dropped = dropped or left_out
            out += finer
        out = list({p.text: p for p in out}.values())
        return (out, dropped) if out else (parts, dropped)

    def _held(self, part: lexicon.Part) -> bool:
        """Whether any item holds any form of ``part``."""
        return any(self._holds(form) for form in part.forms)

    def _holds(self, text: str) -> bool:
        """Whether any key holds ``text`` (remembered: the lexicon's forms recur in queries).

        A search of every haystack costs ~0.1 ms at 10,000 items for a form no key holds;
        a set of the keys' character pairs would answer at once but took 80-130 ms to
        gather at 10,000 items (a second or more at 100,000) on first use.
        """
        got = self._held_memo.get(text)
        if got is None:
            if len(self._held_memo) >= HELD_MEMO:
                self._held_memo.clear()
            got = self._held_memo[text] = any(text in hay for hay in self._hays)
        return got

    def _vocab_split(self, word: str) -> list[str]:
        """Pieces (2 to VOCAB_PIECE characters, longest first from the left) of ``word`` that
        some key holds; characters in no such piece are skipped."""
        out: list[str] = []
        i = 0
        while i < len(word) - 1:
            for n in range(min(VOCAB_PIECE, len(word) - i, len(word) - 1), 1, -1):
                piece = word[i:i + n]
                if self._holds(piece):
                    out.append(piece)
                    i += n
                    break
            else:
                i += 1
        return out

    def _mistyped(self, norm: str, limit: int, found: Found) -> None:
        """Items with a short keyword (mostly the lexicon's words the build found in their
        names: 婚姻登记, 公积金) that ``norm`` spells with one character wrong."""
        if not (MISTYPED_LEN[0] <= len(norm) <= MISTYPED_LEN[1]
                and all(textnorm.is_cjk(c) for c in norm)):
            return
        masks, keys = self._mask_table(), self._vocab[0].keys
        near = sorted({idx for i in range(len(norm)) for idx in masks.get(norm[:i] + "\0" + norm[i + 1:])
                       if _one_character_off(keys[idx], norm)})
        vocab = self._vocab[0]
        self._run([(TIER_MISTYPED, "mistyped", lambda k, ex, b: vocab.take(near, k, ex, b))],
                  limit, found)

    def _mask_table(self) -> HashedPostings:
        """Each vocabulary word with one character masked, SymSpell's idea for substitutions
        (a few thousand words whatever the list's size); built on first use or by prepare()."""
        if self._masks is None:
            self._masks = HashedPostings(
                (key[:i] + "\0" + key[i + 1:], idx) for idx, key in enumerate(self._vocab[0].keys)
                if len(key) >= MISTYPED_LEN[0] for i in range(len(key)))
        return self._masks

    def _slip_index(self) -> SlipIndex:
        """The pinyin slips of the vocabulary (one letter wrong, missing, extra or swapped);
        built on first use or by prepare(): ~90 ms at 3,334 items."""
        if self._slips is None:
            self._slips = SlipIndex(self._vocab[0], self._readings)
        return self._slips

    def prepare(self) -> None:
        """Build now the tables a search would otherwise build at its first use.

        The UI calls this on a worker thread once a catalogue is open, so the resident's first
        key does not wait for them (a first ``ybjf`` took ~90 ms at 3,334 items, its frame
        five times over). Safe beside searches: each table is made whole, then assigned once;
        a search that comes first builds it itself, as before.
        """
        self._slip_index()
        self._mask_table()
        self._group_names()

    def _parts(self, parts: list[lexicon.Part], limit: int, found: Found) -> list[int]:
        """Items holding every part (into ``found``); returns those holding only some."""
        if not parts:
            return []
        # draw candidates from the rarest part: its list is whole when under the cap, so no
        # item holding every part is missed however common the other parts are; verbs (查, 办)
        # are in most names, so they only anchor a query made of nothing else
        telling = [p for p in parts if p.kind != "action"] or parts
        lists = [c for c in (self._candidates(p) for p in telling) if c]
        cands = min(lists, key=len) if lists else []
        some: list[tuple[int, int]] = []  # (-(2 * parts held + parts held as typed), position)
        # one alternation per part: the regular-expression engine tests every form at C speed
        holds = [re.compile("|".join(re.escape(f) for f in p.forms)).search for p in parts]
        for pos in cands:
            if pos in found:
                continue
            bag = self._bags[pos]
            n = sum(hold(bag) is not None for hold in holds)
            if n < len(parts):
                own = self._owns[pos]
                some.append((-2 * n - sum(p.text in own for p in parts), pos))
            elif len(found) < limit:
                # every part in the item's own name or aliases, in any of its forms: a sub-item
                # whose parent is named 居民身份证申领、换领、补领 holds 补领 only in that keyword
                own = self._owns[pos]
                if all(p.text in own for p in parts):  # as typed, in the list's own words
                    tier = TIER_PARTS
                elif all(hold(own) is not None for hold in holds):
                    tier = TIER_PARTS_OWN
                else:
                    tier = TIER_PARTS_KEYWORD
                found[pos] = (tier, "parts")
        return [pos for _, pos in sorted(some)]

    # -- stage 5: the closest items --------------------------------------------------

    def _closest(self, norm: str, limit: int) -> list[int]:
        grams = [norm[i:i + 2] for i in range(len(norm) - 1)] or list(norm)
        grams = [g for g in dict.fromkeys(grams) if any(textnorm.is_cjk(c) for c in g)]
        score: dict[int, int] = {}
        # the last pairs first (查询 in 我要社保查询 says less than 社保): at most CLOSEST_PAIRS of
        # them, each a scan of the names and the keywords (a no-match costs ~1 ms at 100,000)
        for g in [g for g in grams[::-1] if self._holds(g)][:CLOSEST_PAIRS]:
            for ks in (self._names, self._kw):
                for pos in set(ks.positions_with(g, 200)):
                    score[pos] = score.get(pos, 0) + 1
        return sorted(score, key=lambda p: (-score[p], p))[:limit]

    # -- the whole search --------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit[S]]:
        """Ranked hits for any text; never raises for odd input, returns [] for none."""
        if not isinstance(query, str) or limit <= 0:
            return []
        query = query[: MAX_QUERY * 4]
        norm = textnorm.normalize(query)[:MAX_QUERY]
        if not norm:
            return []
        has_cjk = any(textnorm.is_cjk(c) for c in norm)
        letters = "" if has_cjk else textnorm.normalize_letters(query)[:MAX_QUERY]
        found: Found = {}
        self._run(self._whole_steps(norm, letters), limit, found)
        parts: list[lexicon.Part] = []
        some: list[int] = []
        if has_cjk and len(found) < FUZZY_FILL:
            chunks = [c for c in (textnorm.normalize(w) for w in re.split(r"[\s,，、;；/]+", query))
                      if c][:8]
            parts, dropped = self._understand(chunks)
            if dropped:  # a piece no item holds: perhaps one character is mistyped
                self._mistyped(norm, limit, found)
            stripped = "".join(p.text for p in parts)
            if stripped and stripped != norm and len(parts) == 1:
                # one meaningful word left: searched whole (the build gave every item holding
                # another form of it this form too, so a parts pass would find nothing more)
                held = len(found)
                self._run(self._whole_steps(stripped, ""), limit, found, floor=TIER_PARTS)
                if len(found) == held:  # the build adds at most keys.MAX_FORMS forms an item
                    some = self._parts(parts, limit, found)
            else:
                some = self._parts(parts, limit, found)
            # nothing at all, or no item holds every part and one part is a lone character the
            # lexicon does not know (残疾人正: 正 is in many names, but beside 残疾人 it is 证 mistyped)
            stray = any(p.kind == "word" and len(p.text) == 1 for p in parts)
            if not found and not dropped and (not some or stray):
                self._mistyped(norm, limit, found)
        elif letters and len(found) < FUZZY_FILL:
            self._letters(letters, limit, found)
        for pos in some:
            if len(found) >= limit:
                break
            found.setdefault(pos, (TIER_SOME, "parts"))
        if not found and has_cjk:
            for pos in self._closest(norm, min(limit, 12)):
                found[pos] = (TIER_CLOSEST, "closest")
        ordered = sorted(found.items(), key=lambda kv: (kv[1][0], kv[0]))[:limit]
        marks = self._marker(norm, letters, parts)
        return [SearchHit(self.summaries[pos], tier, kind, marks) for pos, (tier, kind) in ordered]

    def _letters(self, letters: str, limit: int, found: Found) -> None:
        """Stages 2–3 for letters: sound-alikes, slips, then initials of a syllable reading."""
        py = self._pinyin
        if len(found) < FUZZY_FILL:
            # words only (aliases and the lexicon's words, from their start): sound-alikes of
            # common syllables (sen = shen/sen/sheng/seng) start thousands of names on a big
            # list (28 ms a query at 100,000 items), and inside names they meet everything
            near = [self._text, *self._vocab]
            self._run([(TIER_SOUNDALIKE, "pinyin",
                        self._pinyin_step(letters, "prefix", near, fuzzy=True))], limit, found)
        if len(found) < FUZZY_FILL:
            close = self._slip_index().keys_near(letters)
            vocab = self._vocab[0]
            self._run([(TIER_SLIP, "pinyin", lambda k, ex, b: vocab.take(close, k, ex, b))],
                      limit, found)
        # last, pinyin read as its initials (she bao cha xun -> sbcx): weak, so after the rest
        initials = py.syllable_initials(letters)
        if initials:
            steps = [st for st in self._whole_steps(initials, initials) if st[1] == "initials"
                     or (st[1] == "keyword" and st[0] <= TIER_KEYWORD)]
            self._run(steps, limit, found, floor=TIER_SPELT)

    def _pinyin_step(self, letters: str, mode: str, keysets: list[KeySet] | None = None,
                     fuzzy: bool = False) -> Step:
        def step(k: int, exclude: Found, bound: int | None) -> list[int]:
            return self._pinyin.search(letters, k, exclude, bound, mode, keysets, fuzzy)
        return step

    def _marker(self, norm: str, letters: str,
                parts: list[lexicon.Part]) -> Callable[[str], tuple[tuple[int, int], ...]]:
        """A function giving a name's highlight spans for this query."""
        if letters:
            py = self._pinyin
            segs = textnorm.segmentations(letters, py.syllables, py.prefixes)
            if not segs or all(len(s) < 2 for s in segs):
                segs = [tuple(letters)] + segs  # read as initials first
            segs = segs[:4]
            return lambda name: highlight.letter_spans(name, segs, self._readings)
        forms = [norm, *(f for p in parts for f in p.forms if len(f) >= 2 or p.kind == "word"),
                 *(norm[i:i + 2] for i in range(len(norm) - 1))]  # what closest items share
        return lambda name: highlight.chinese_spans(name, forms)

    def related_groups(self, query: str, limit: int = 6) -> list[tuple[str, str]]:
        """Themes and departments whose names share a word with ``query``: (kind, name)."""
        if not isinstance(query, str):
            return []
        norm = textnorm.normalize(query[: MAX_QUERY * 4])[:MAX_QUERY]
        if not any(textnorm.is_cjk(c) for c in norm):
            return []
        chunks = [c for c in (textnorm.normalize(w) for w in query.split()) if c][:8]
        lex = lexicon.default()
        words = {f for p in lex.split(chunks) for f in p.forms if len(f) >= 2}
        words |= {f for _, form in lex.matches(norm, True) for f in lex.related.get(form, ())}
        words |= {norm[i:i + 2] for i in range(len(norm) - 1)}
        out = [group for group, folded in self._group_names() if any(w in folded for w in words)]
        return out[:limit]

    def _group_names(self) -> list[tuple[tuple[str, str], str]]:
        """Distinct themes and departments in ranking order, with their folded names."""
        if self._groups is None:
            seen: dict[tuple[str, str], str] = {}
            for s in self.summaries:
                for kind, names in (("theme", s.themes), ("department", (s.department,))):
                    for name in names:
                        if (kind, name) not in seen:
                            seen[(kind, name)] = textnorm.normalize(name)
            self._groups = list(seen.items())
        return self._groups


def _one_character_off(key: str, norm: str) -> bool:
    """``key`` is ``norm`` with at most one character different (what a shared mask means)."""
    return len(key) == len(norm) and sum(a != b for a, b in zip(key, norm, strict=True)) <= 1
