"""Layouts that hold: every screen in every language × elder mode × contrast × orientation.

Real scenes offscreen on the bundled sample and on a raw copy of it (no aliases, themes, hot
ranks or guide text: what an official list carries). Each test names its combination and
screen; a failure lists every text that is cut, spills out of its box or runs into another
(tests/helpers/layoutcheck.py says exactly what each rule means).

The default run walks a representative subset; ``-m slow`` walks the whole matrix.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from layoutcheck import check, fully_visible, list_findings, targets
from layoutscenes import SIZES, Look, items_to_walk, screens, show
from PySide6.QtCore import QPointF, QRectF
from sessionhelpers import FakeClock, put_factory
from uihelpers import configure, lookup, make_ui, tap, tap_at, visible

from kiosk.access.script import Language
from kiosk.catalogue.build import build_from_source
from kiosk.catalogue.reader import Catalogue
from kiosk.devtools.rawcopy import write_raw_copy
from kiosk.paths import SAMPLE_SOURCE, HomeLayout
from ui.app import Ui, build_ui, wait_for_frame

pytestmark = pytest.mark.qt

#: The smallest QR code (quiet zone included) on the item screen, px: about 75 mm on a 21.5" panel.
QR_MIN = 300
#: How much larger a touch target is in elder mode, at least: one side grows by this much and
#: neither gets smaller, except that a target wider than WIDE (a list row, a full-width button)
#: may give up some width for its neighbour (larger pad keys), down to WIDE_KEEPS of it.
ELDER_GROWTH = 1.1
WIDE, WIDE_KEEPS = 300, 0.85

LANGS = [Language.ZH_HANS, Language.EN, Language.ZH_HANT]
EVERY_LOOK = [Look(lang, elder, contrast, orientation)
              for lang, elder, contrast, orientation in itertools.product(
                  LANGS, (False, True), (False, True), ("landscape", "portrait"))]
#: The default run: both languages with a full UI in every elder × orientation, plus contrast,
#: Traditional and the raw copy in the combinations that broke before.
DEFAULT_LOOKS = {
    *(Look(lang, elder, False, o) for lang in (Language.ZH_HANS, Language.EN)
      for elder in (False, True) for o in ("landscape", "portrait")),
    Look(Language.ZH_HANS, True, True, "landscape"),
    Look(Language.ZH_HANT, True, False, "portrait"),
}
RAW_DEFAULT = {Look(Language.ZH_HANS, True, False, "landscape"), Look(Language.EN, True, False, "portrait")}

SCREENS = ["home", "search-results", "search-none", "theme", "department",
           "item-longest", "item-second-longest", "item-港澳台签注申请", "item-no-qr", "item-not-available",
           "item-most-materials", "qr-zoom", "idle", "attract", "outofservice"]
ITEM_ROLES = [s for s in SCREENS if s.startswith("item-")]


class Walker:
    """One live UI on one catalogue, reused across the module's tests (a UI takes ~1 s to build)."""

    def __init__(self, ui: Ui, cat: Catalogue, kind: str) -> None:
        self.ui, self.cat, self.kind = ui, cat, kind
        codes = items_to_walk(cat)
        longest = sorted(cat.browse(), key=lambda s: -len(s.name))
        every = [cat.item(s.code) for s in cat.browse()]
        self.items = {
            "item-longest": longest[0].code,
            "item-second-longest": longest[1].code,
            "item-港澳台签注申请": next(i.code for i in every if i.name == "港澳台签注申请"),
            "item-no-qr": next((i.code for i in every if not i.online_url), None),
            "item-not-available": next((i.code for i in every if not i.available), None),
            "item-most-materials": max(every, key=lambda i: len(i.guide.materials)).code,
        }
        assert set(self.items.values()) - {None} <= set(codes)
        self.screens = dict(screens(cat, codes))

    def show(self, look: Look, screen: str) -> str:
        """Show ``screen`` in ``look``; returns what the screen is (an item's code and name)."""
        key = screen
        label = screen
        if screen in self.items:
            code = self.items[screen]
            if code is None:
                pytest.skip(f"the {self.kind} catalogue has no item for {screen}")
            key = f"item-{code}"
            label = f"{screen} ({code} {self.cat.item(code).name})"
        if key not in self.screens:
            pytest.skip(f"the {self.kind} catalogue has no {screen} screen (no themes in a raw list)")
        clock = self.ui.controller.clock
        assert isinstance(clock, FakeClock)
        clock.advance(5)
        show(self.ui, look, (key, self.screens[key]))
        return label


def _drop_addresses(path: Path, every: int) -> None:
    """Blank the online addresses of every ``every``-th item, as an official export leaves some
    empty (about 4% on 广东政务服务网): their screen shows why there is no QR code."""
    lines = path.read_text("utf-8").splitlines()
    out = []
    for n, line in enumerate(lines):
        row = json.loads(line)
        if "_meta" not in row and n % every == 1:
            row["pc_url"] = row["mobile_url"] = ""
        out.append(json.dumps(row, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", "utf-8")


def _build(kind: str, root: Path) -> tuple[Ui, Catalogue]:
    source = SAMPLE_SOURCE
    if kind == "raw":
        source = root / "raw.jsonl"
        write_raw_copy(SAMPLE_SOURCE, source)
        _drop_addresses(source, every=20)
    snapshot = root / f"{kind}.sqlite"
    build_from_source(source, snapshot, allow_hosts=["gdzwfw.gov.cn", "gz.gov.cn"])
    layout = put_factory(HomeLayout(root / "home").ensure(), snapshot)
    configure(layout, printer__kind="pdf")  # the print button shows
    ui = build_ui(layout, size=(1920, 1080), windowed=True, clock=FakeClock(), start_timers=False)
    ui.window.show()
    wait_for_frame(ui.window)
    return ui, Catalogue.open(snapshot)


_WALKERS: dict[str, Walker] = {}


@pytest.fixture(scope="module")
def walkers(qapp, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Walker]]:  # type: ignore[no-untyped-def]
    """The module's UIs, one per catalogue kind, built when first asked for."""
    yield _WALKERS
    for w in _WALKERS.values():
        # Back to the source language first: a translator left installed on the application
        # would show English to the tests that come after.
        w.ui.controller.session.nav.language = None
        w.ui.controller.mirror()
        w.cat.close()
        w.ui.close()
    _WALKERS.clear()


@pytest.fixture()
def walker(request: pytest.FixtureRequest, walkers: dict[str, Walker],
           tmp_path_factory: pytest.TempPathFactory) -> Walker:
    """The UI on the catalogue the test's ``kind`` names (a module-wide one: built once)."""
    kind = request.node.callspec.params["kind"]
    if kind not in walkers:
        ui, cat = _build(kind, tmp_path_factory.mktemp(f"layout-{kind}"))
        walkers[kind] = Walker(ui, cat, kind)
    return walkers[kind]


def _matrix(screens: list[str]) -> list[object]:
    params = []
    for kind, look, screen in itertools.product(("sample", "raw"), EVERY_LOOK, screens):
        default = look in (DEFAULT_LOOKS if kind == "sample" else RAW_DEFAULT)
        params.append(pytest.param(kind, look, screen, id=f"{kind}-{look.id}-{screen}",
                                   marks=() if default else pytest.mark.slow))
    return params


def _report(label: str, look: Look, findings: list[object]) -> str:
    return f"{label} in {look.id}:\n  " + "\n  ".join(str(f) for f in findings)


@pytest.mark.parametrize(("kind", "look", "screen"), _matrix(SCREENS))
def test_text_is_not_cut_does_not_spill_and_does_not_overlap(walker: Walker, kind: str, look: Look, screen: str) -> None:
    label = walker.show(look, screen)
    findings = check(walker.ui.window) + list_findings(walker.ui.window)
    assert not findings, _report(label, look, findings)


@pytest.mark.parametrize(("kind", "look", "screen"), _matrix(ITEM_ROLES))
def test_item_keeps_print_button_and_a_large_qr_on_screen(qtbot, walker: Walker, kind: str, look: Look, screen: str) -> None:  # type: ignore[no-untyped-def]
    """On the item screen, without scrolling: the print button wholly visible (an item that
    can be printed), and the QR code at least QR_MIN px, wholly visible (an item with an address)."""
    label = walker.show(look, screen)
    ui = walker.ui
    item = ui.controller.item
    if item.available:
        button = lookup(ui, "printButton" if look.orientation == "landscape" else "printButtonPortrait")
        assert button is not None and fully_visible(button, ui.window), \
            f"{label} in {look.id}: the print button is not wholly on screen"
    if item.url:
        qr = [i for i in _named(ui, "qrImage") if i.isVisible()]
        assert len(qr) == 1, f"{label} in {look.id}: {len(qr)} QR codes shown"
        # Qt Quick decodes a data: URL on its reader thread (even with asynchronous: false),
        # some 60 ms after the source is set: wait for it, or a fast run measures 0 px.
        with contextlib.suppress(qtbot.TimeoutError):  # never drawn: the assertion below says so
            qtbot.waitUntil(lambda: float(qr[0].property("paintedWidth")) > 0, timeout=5000)
        side = min(float(qr[0].property("paintedWidth")), float(qr[0].property("paintedHeight")))
        assert side >= QR_MIN, f"{label} in {look.id}: the QR code is {side:.0f} px (at least {QR_MIN})"
        assert fully_visible(qr[0], ui.window), f"{label} in {look.id}: the QR code is not wholly on screen"


def _named(ui: Ui, name: str) -> list:  # type: ignore[type-arg]
    out, stack = [], [ui.window.contentItem()]
    while stack:
        node = stack.pop()
        if node.objectName() == name:
            out.append(node)
        stack.extend(node.childItems())
    return out


def _grew(normal: QRectF, elder: QRectF) -> bool:
    if min(normal.width(), normal.height()) >= WIDE:
        return True
    w0, h0, w1, h1 = normal.width(), normal.height(), elder.width(), elder.height()
    keeps_width = w1 >= (w0 * WIDE_KEEPS if w0 > WIDE else w0) - 1
    return keeps_width and h1 >= h0 - 1 and (h1 >= ELDER_GROWTH * h0 - 0.5 or w1 >= ELDER_GROWTH * w0 - 0.5)


GROWING = ["home", "search-results", "search-none", "theme", "department", "item-港澳台签注申请", "idle"]


def _growth_matrix() -> list[object]:
    params = []
    for lang, orientation, screen in itertools.product(LANGS, ("landscape", "portrait"), GROWING):
        default = lang is Language.ZH_HANS or (lang is Language.EN and screen in ("home", "search-results"))
        params.append(pytest.param("sample", lang, orientation, screen, id=f"{lang.value}-{orientation}-{screen}",
                                   marks=() if default else pytest.mark.slow))
    return params


@pytest.mark.parametrize(("kind", "lang", "orientation", "screen"), _growth_matrix())
def test_every_touch_target_grows_in_elder_mode(walker: Walker, kind: str, lang: Language, orientation: str,
                                                screen: str) -> None:
    """Each named target on screen in both modes (tiles, pad keys, buttons, rows) is larger in
    elder mode: ELDER_GROWTH on one side and no smaller on the other (see WIDE). A target
    already WIDE both ways (the QR card) need not grow."""
    label = walker.show(Look(lang, False, False, orientation), screen)
    normal = targets(walker.ui.window)
    walker.show(Look(lang, True, False, orientation), screen)
    elder = targets(walker.ui.window)
    both = sorted(set(normal) & set(elder))
    assert both, f"{label}: no touch target on screen in both modes"
    small = [f"{name}: {normal[name].width():.0f}×{normal[name].height():.0f} → "
             f"{elder[name].width():.0f}×{elder[name].height():.0f}"
             for name in both if not _grew(normal[name], elder[name])]
    assert not small, f"{label} {lang.value} {orientation}: targets that do not grow in elder mode:\n  " + \
        "\n  ".join(small)


ADMIN_PAGES = ["status", "sync", "printer", "display", "kiosk", "logs"]


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_technician_pages_hold(qtbot, factory: HomeLayout, clock: FakeClock, orientation: str) -> None:  # type: ignore[no-untyped-def]
    """The PIN pad and every technician page (Chinese: the technician's language), both orientations."""
    from kiosk.ops.pin import hash_pin

    configure(factory, admin__pin_hash=hash_pin("2468", min_digits=4))
    ui = make_ui(qtbot, factory, clock, size=SIZES[orientation])
    try:
        for _ in range(5):
            tap_at(ui, QPointF(20, 20))
        qtbot.waitUntil(lambda: visible(ui, "pinPad"))
        wait_for_frame(ui.window)
        findings = [f"PIN pad: {f}" for f in check(ui.window)]
        for digit in "2468":
            tap(ui, f"pinKey_{digit}")
        tap(ui, "pinKey_ok")
        qtbot.waitUntil(lambda: visible(ui, "adminPages"))
        for page in ADMIN_PAGES:
            tap(ui, f"nav_{page}")
            wait_for_frame(ui.window)
            wait_for_frame(ui.window)
            findings += [f"{page}: {f}" for f in check(ui.window) + list_findings(ui.window)]
        assert not findings, f"technician screen, {orientation}:\n  " + "\n  ".join(findings)
    finally:
        ui.close()
