pragma ComponentBehavior: Bound
import QtQuick
import ".."

// The PIN pad shown first: digits only, the PIN never appears on screen (dots).
Rectangle {
    id: pad

    property var admin
    property string entered: ""
    readonly property bool locked: pad.admin?.lockSeconds > 0

    signal cancelled()

    function press(key) {
        if (pad.locked)
            return;
        if (key === "clear")
            pad.entered = "";
        else if (key === "ok") {
            const pin = pad.entered;
            pad.entered = "";
            pad.admin?.enterPin(pin);
        } else if (pad.entered.length < 12)
            pad.entered += key;
        pad.admin?.touch();
    }

    implicitWidth: column.implicitWidth + 4 * Theme.gap
    implicitHeight: column.implicitHeight + 4 * Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.border

    Column {
        id: column
        anchors.centerIn: parent
        spacing: Theme.gap

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("维护模式：请输入管理密码")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontHeading
            font.bold: true
            color: Theme.text
        }
        Text {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            text: pad.entered.length ? "●".repeat(pad.entered.length) : " "
            font.pixelSize: Theme.fontTitle
            color: Theme.primary
        }
        Text {
            objectName: "pinMessage"
            width: grid.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: pad.locked ? qsTr("尝试次数过多，请 %1 秒后再试").arg(pad.admin?.lockSeconds) : (pad.admin?.pinMessage ?? "")
            visible: text !== ""
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
            color: Theme.danger
        }
        Grid {
            id: grid
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: Theme.gapSmall
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                delegate: KButton {
                    required property string modelData
                    objectName: "pinKey_" + modelData
                    width: Theme.touch * 1.6
                    height: Theme.touch
                    kind: modelData === "ok" ? "primary" : "secondary"
                    opacity: pad.locked ? 0.4 : 1
                    text: modelData === "clear" ? qsTr("清除") : (modelData === "ok" ? qsTr("确认") : modelData)
                    onClicked: pad.press(modelData)
                }
            }
        }
        KButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            kind: "ghost"
            text: qsTr("取消，返回首页")
            onClicked: pad.cancelled()
        }
    }
}
