pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A large touch button. `kind`: "primary", "secondary" or "ghost".
Rectangle {
    id: button

    property string text: ""
    property string glyph: ""
    // A drawn icon before the text, for a symbol no font has (e.g. PrintIcon): the Loader
    // sets its `size` to the text's and its colours to the button's.
    property Component icon: null
    property string kind: "secondary"
    property int fontSize: Theme.fontBody
    signal clicked()

    // What sits before the label (icon, glyph) with its spacing: the label gets the rest and
    // wraps onto a second line rather than running out of a button given a narrower width.
    readonly property real lead: (iconSlot.active ? iconSlot.width + row.spacing : 0)
        + (glyphText.visible ? glyphText.implicitWidth + row.spacing : 0)
    implicitHeight: Math.max(Theme.touch, label.height + 2 * Theme.gapSmall)
    implicitWidth: Math.max(Theme.touch, lead + label.implicitWidth + 2 * Theme.gap)
    radius: Theme.radiusSmall
    color: {
        if (button.kind === "primary")
            return tap.pressed ? Theme.primaryPressed : Theme.primary;
        if (button.kind === "ghost")
            return tap.pressed ? Theme.pressed : "transparent";
        return tap.pressed ? Theme.pressed : Theme.surface;
    }
    border.width: button.kind === "secondary" ? Theme.borderWidth : 0
    border.color: Theme.border
    Accessible.role: Accessible.Button
    Accessible.name: button.text

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.gapSmall
        Loader {
            id: iconSlot
            active: button.icon !== null
            visible: active
            sourceComponent: button.icon
            anchors.verticalCenter: parent.verticalCenter
            onLoaded: {
                // Alone on a key (no text) the icon is the label: larger.
                item.size = Qt.binding(() => Math.round(button.fontSize * (button.text === "" ? 1.4 : 0.9)));
                item.color = Qt.binding(() => label.color);
                item.paper = Qt.binding(() => button.color);
            }
        }
        KText {
            id: glyphText
            visible: button.glyph !== ""
            text: button.glyph
            size: button.fontSize
            font.bold: true
            color: label.color
            anchors.verticalCenter: parent.verticalCenter
        }
        KText {
            id: label
            width: Math.min(implicitWidth, button.width - 2 * Theme.gap - button.lead)
            visible: text !== ""
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            maximumLineCount: 2
            text: button.text
            size: button.fontSize
            font.bold: button.kind === "primary"
            color: button.kind === "primary" ? Theme.textOnPrimary : Theme.primary
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.WithinBounds
        onTapped: button.clicked()
    }
}
