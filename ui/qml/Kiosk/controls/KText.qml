pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Every piece of text on the kiosk: its font, a Theme type size (scaled for elder mode and the
// technician's font scale) and the text colour; a scene changes only what differs.
Text {
    // One of Theme.fontHero … Theme.fontTiny (or a fixed size for a large symbol).
    property real size: Theme.fontBody

    font.family: Theme.fontFamily
    font.pixelSize: size
    color: Theme.text
}
