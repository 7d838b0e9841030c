pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 运行日志: the recent log lines, newest first.
Item {
    id: page
    KButton {
        id: refreshLogs
        objectName: "refreshLogs"
        text: qsTr("刷新（最新在上）")
        onClicked: Technician.refreshLogs()
    }
    ListView {
        // No current item on a touch screen. With one, the view's default highlight animates
        // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
        currentIndex: -1
        highlightFollowsCurrentItem: false
        objectName: "logList"
        Accessible.role: Accessible.List
        Accessible.name: qsTr("运行日志")
        anchors.top: refreshLogs.bottom
        anchors.topMargin: Theme.gap
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        clip: true
        model: Technician.logLines
        delegate: KText {
            required property string modelData
            width: ListView.view.width
            text: modelData
            wrapMode: Text.WrapAnywhere
            size: Theme.fontTiny
            color: modelData.indexOf(" ERROR ") >= 0 || modelData.indexOf(" WARNING ") >= 0 ? Theme.danger : Theme.text
        }
        onMovementStarted: Technician.touch()
    }
}
