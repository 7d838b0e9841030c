pragma ComponentBehavior: Bound
import QtQuick
import ".."

// One setting with a few fixed choices: the chosen one is the primary button.
Column {
    id: choice

    property var admin
    property string key
    property string label
    property var options: []      // [{value: "58mm", text: "58 毫米"}]
    property var current

    spacing: Theme.gapSmall

    Text {
        text: choice.label
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontSmall
        color: Theme.textMuted
    }
    Flow {
        width: choice.width
        spacing: Theme.gapSmall
        Repeater {
            model: choice.options
            delegate: KButton {
                required property var modelData
                objectName: "choice_" + choice.key + "_" + modelData.value
                fontSize: Theme.fontSmall
                height: Theme.touchSmall
                kind: String(choice.current) === String(modelData.value) ? "primary" : "secondary"
                text: modelData.text
                onClicked: choice.admin.setSetting(choice.key, String(modelData.value))
            }
        }
    }
}
