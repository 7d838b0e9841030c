pragma Singleton
import QtQuick

// Sizes, colours and fonts for every scene. Elder mode and high contrast are
// one switch each: scenes only read from here.
QtObject {
    id: theme

    // Set by Main.qml from the controller and the window.
    property bool elder: false
    property bool highContrast: false
    property real fontScale: 1.0
    property bool portrait: false
    property string fontFamily: "Kiosk Sans CJK SC"

    readonly property real scale: fontScale * (elder ? 1.25 : 1.0)

    // Touch targets: at least 60 px (15 mm on a 21.5" 1080p panel); larger in elder mode.
    readonly property int touch: elder ? 112 : 88
    readonly property int touchSmall: elder ? 88 : 72

    // The QR code's side as asked of the image provider: it draws whole pixels per module, so
    // the code shown can be up to one module count smaller (at least 300 px for 360 asked).
    readonly property int qrMin: 360
    // A pad key's height to its width, at most: taller keys in elder mode.
    readonly property real keyAspect: elder ? 1.35 : 1.15

    // Type scale (px).
    readonly property int fontHero: Math.round(64 * scale)
    readonly property int fontTitle: Math.round(48 * scale)
    readonly property int fontHeading: Math.round(38 * scale)
    readonly property int fontBody: Math.round(31 * scale)
    readonly property int fontSmall: Math.round(25 * scale)
    readonly property int fontTiny: Math.round(21 * scale)

    // Spacing.
    readonly property int gap: 24
    readonly property int gapSmall: 12
    readonly property int margin: portrait ? 36 : 48
    readonly property int radius: 20
    readonly property int radiusSmall: 12
    // Tall enough for a title and a subtitle at the resident's text size (特大 too).
    readonly property int headerHeight: Math.max(elder ? 148 : 128, Math.round(1.3 * (fontTitle + fontSmall) + 20))
    readonly property int statusHeight: 64

    // Colours: government blue on a calm light background; high contrast is black/white/yellow.
    // Every text/background pair is checked (WCAG 4.5:1, 7:1 in high contrast) by
    // tests/kiosk/access/test_theme_contrast.py: ok was #12803C (4.39:1 on okSoft).
    readonly property color background: highContrast ? "#000000" : "#EEF3F9"
    readonly property color surface: highContrast ? "#000000" : "#FFFFFF"
    readonly property color surfaceAlt: highContrast ? "#1A1A1A" : "#F5F8FC"
    readonly property color border: highContrast ? "#FFFFFF" : "#D5DEEA"
    readonly property int borderWidth: highContrast ? 3 : 2
    readonly property color text: highContrast ? "#FFFFFF" : "#14213D"
    readonly property color textMuted: highContrast ? "#FFFF66" : "#51607A"
    readonly property color textOnPrimary: highContrast ? "#000000" : "#FFFFFF"
    readonly property color primary: highContrast ? "#FFFF00" : "#0B4EA2"
    readonly property color primaryDark: highContrast ? "#FFFF00" : "#083B7C"
    readonly property color primaryPressed: highContrast ? "#CCCC00" : "#06306A"
    readonly property color primarySoft: highContrast ? "#333300" : "#E3EDFA"
    readonly property color accent: highContrast ? "#FFFF00" : "#C8102E"
    readonly property color ok: highContrast ? "#00FF66" : "#107537"
    readonly property color okSoft: highContrast ? "#003311" : "#E2F4E8"
    readonly property color warn: highContrast ? "#FFAA00" : "#B45309"
    readonly property color warnSoft: highContrast ? "#332200" : "#FEF3E2"
    readonly property color danger: highContrast ? "#FF8080" : "#B91C1C"
    readonly property color dangerSoft: highContrast ? "#330000" : "#FDE8E8"
    readonly property color pressed: highContrast ? "#333333" : "#DCE6F3"
    readonly property color scrim: "#B3000000"

    // Tile colours for data-driven themes (cycled by position).
    readonly property var tilePalette: highContrast
        ? ["#FFFF00"]
        : ["#0B4EA2", "#0E7C66", "#B45309", "#7C3AED", "#C8102E", "#0369A1", "#15803D", "#9D174D", "#4338CA", "#A16207"]

    function tileColor(index) {
        // a delegate being torn down during a model reset can see index -1
        const n = tilePalette.length;
        return tilePalette[((index % n) + n) % n];
    }
}
