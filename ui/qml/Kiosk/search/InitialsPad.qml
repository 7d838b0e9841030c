pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A–Z pinyin initials (拼音首字母): the default keyboard-less way to search.
Item {
    id: pad

    property int columns: 7
    signal letter(string key)
    signal backspace()
    signal clear()

    readonly property real keyWidth: (width - (columns - 1) * Theme.gapSmall) / columns
    readonly property real keyHeight: Math.max(Theme.touch, Math.min(keyWidth * Theme.keyAspect, (height - 3 * Theme.gapSmall) / 4))

    implicitHeight: 4 * Theme.touch + 3 * Theme.gapSmall

    Grid {
        id: grid
        columns: pad.columns
        spacing: Theme.gapSmall
        Repeater {
            model: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N",
                    "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"]
            delegate: Rectangle {
                id: key
                required property string modelData
                objectName: "padKey_" + modelData
                width: pad.keyWidth
                height: pad.keyHeight
                radius: Theme.radiusSmall
                color: keyTap.pressed ? Theme.primary : Theme.surface
                border.width: Theme.borderWidth
                border.color: Theme.border
                Accessible.role: Accessible.Button
                Accessible.name: modelData
                KText {
                    anchors.centerIn: parent
                    text: key.modelData
                    color: keyTap.pressed ? Theme.textOnPrimary : Theme.text
                    size: Math.min(Theme.fontHero, key.height * 0.55)
                    font.bold: true
                }
                TapHandler {
                    id: keyTap
                    gesturePolicy: TapHandler.WithinBounds
                    onTapped: pad.letter(key.modelData.toLowerCase())
                }
            }
        }
        KButton {
            objectName: "padBackspace"
            width: pad.keyWidth
            height: pad.keyHeight
            icon: BackspaceIcon {}
            Accessible.name: qsTr("删除一个字母")
            text: ""
            fontSize: Theme.fontHeading
            onClicked: pad.backspace()
        }
        KButton {
            objectName: "padClear"
            width: pad.keyWidth
            height: pad.keyHeight
            text: qsTr("清空")
            fontSize: Theme.fontSmall
            onClicked: pad.clear()
        }
    }
}
