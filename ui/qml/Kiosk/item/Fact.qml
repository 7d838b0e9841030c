pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A label/value pair in the guide (办理时限, 收费, 咨询电话 …).
Row {
    id: fact

    property string label: ""
    property string value: ""

    visible: value !== ""
    spacing: Theme.gap

    KText {
        width: Theme.fontBody * 5
        text: fact.label
        color: Theme.textMuted
        wrapMode: Text.Wrap
    }
    KText {
        width: fact.width - Theme.fontBody * 5 - Theme.gap
        text: fact.value
        font.bold: true
        wrapMode: Text.Wrap
    }
}
