pragma ComponentBehavior: Bound
import QtQuick

// A label/value pair in the guide (办理时限, 收费, 咨询电话 …).
Row {
    id: fact

    property string label: ""
    property string value: ""

    visible: value !== ""
    spacing: Theme.gap

    Text {
        width: Theme.fontBody * 5
        text: fact.label
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    Text {
        width: fact.width - Theme.fontBody * 5 - Theme.gap
        text: fact.value
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
    }
}
