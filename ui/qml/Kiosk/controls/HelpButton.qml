pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 帮助: on every screen; opens the overlay that says where the hall's staff are.
KButton {
    objectName: "helpButton"
    kind: "secondary"
    glyph: "?"
    text: qsTr("帮助")
    Accessible.description: qsTr("呼叫工作人员")
    onClicked: HelpDesk.openHelp()
}
