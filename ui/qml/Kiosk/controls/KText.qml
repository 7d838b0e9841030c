pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Every piece of text on the kiosk: its font, a Theme type size (scaled for elder mode and the
// technician's font scale) and the text colour; a scene changes only what differs.
// Plain text: Text's default (AutoText) draws anything that looks like markup as rich text,
// so a catalogue name holding <img src="http://…"> would fetch and show a picture (a fake QR
// code) and <font size=7> would write over the screen. Only a text the kiosk marks up itself
// (ItemRow's escaped highlight) sets StyledText.
Text {
    // One of Theme.fontHero … Theme.fontTiny (or a fixed size for a large symbol).
    property real size: Theme.fontBody

    textFormat: Text.PlainText

    font.family: Theme.fontFamily
    font.pixelSize: size
    color: Theme.text
}
