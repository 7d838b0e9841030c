pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One application material: name, required or not, form, copies, source, note.
Rectangle {
    id: card

    required property int index
    required property var modelData

    implicitHeight: column.implicitHeight + 2 * Theme.gap
    radius: Theme.radiusSmall
    color: Theme.surface
    border.width: Theme.borderWidth / 2
    border.color: Theme.border

    Column {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: card.width - 2 * Theme.gap
        spacing: 8
        Row {
            width: parent.width
            spacing: Theme.gapSmall
            KText {
                id: name
                width: Math.min(implicitWidth, parent.width - (need.visible ? need.width + Theme.gapSmall : 0))
                text: (card.index + 1) + ". " + card.modelData.name
                font.bold: true
                wrapMode: Text.Wrap
            }
            Tag {
                id: need
                visible: text !== ""  // the list does not say: no badge rather than a guess
                text: card.modelData.necessity
                tone: card.modelData.required ? "danger" : "neutral"
                fontSize: Theme.fontTiny
            }
        }
        KText {
            width: parent.width
            text: [card.modelData.form, card.modelData.copiesText,
                   card.modelData.source].filter(s => s !== "").join(" · ")
            visible: text !== ""
            color: Theme.textMuted
            size: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        KText {
            width: parent.width
            text: card.modelData.note
            visible: text !== ""
            color: Theme.textMuted
            size: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
