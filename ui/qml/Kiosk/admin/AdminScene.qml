pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// The technician screen: PIN pad first, then status, sync, printer, display and idle,
// kiosk ID and location, recent log lines, and the only way out to the desktop.
// Talks only to the singleton Technician (ui/backends/admin.py).
Rectangle {
    id: scene

    property string page: "status"
    property bool confirmExit: false

    signal closed()

    objectName: "adminScene"
    color: Theme.background

    Component.onCompleted: Technician.open()
    Component.onDestruction: Technician.close()

    Connections {
        target: Technician
        function onLeave_requested() {
            scene.closed();
        }
    }

    // Nothing under the technician screen may react to a touch; every touch counts as activity.
    MouseArea {
        anchors.fill: parent
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("维护模式")
        onPressed: Technician.touch()
    }
    PointHandler {
        onActiveChanged: if (active) Technician.touch()
    }

    PinPad {
        id: pinPad
        objectName: "pinPad"
        anchors.centerIn: parent
        visible: !(Technician.unlocked)
        onCancelled: Technician.leave()
    }

    Item {
        id: pages
        objectName: "adminPages"
        anchors.fill: parent
        visible: Technician.unlocked

        Rectangle {
            id: header
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            height: Math.max(Theme.headerHeight, headerTitle.implicitHeight + 2 * Theme.gapSmall)
            color: Theme.primaryDark

            KText {
                id: headerTitle
                // up to the leave button, on two lines if need be (a portrait screen's narrow header)
                anchors.left: parent.left
                anchors.leftMargin: Theme.margin
                anchors.right: leaveButton.left
                anchors.rightMargin: Theme.gap
                anchors.verticalCenter: parent.verticalCenter
                wrapMode: Text.Wrap
                maximumLineCount: 2
                text: qsTr("维护模式") + "  ·  " + (Technician.settings["kiosk.id"] || "")
                size: Theme.fontTitle
                font.bold: true
                color: Theme.textOnPrimary
            }
            KButton {
                id: leaveButton
                objectName: "adminLeave"
                anchors.right: parent.right
                anchors.rightMargin: Theme.margin
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("退出维护")
                onClicked: Technician.leave()
            }
        }

        Column {
            id: nav
            anchors.top: header.bottom
            anchors.left: parent.left
            anchors.bottom: messageBar.top
            anchors.margins: Theme.margin
            width: 340
            spacing: Theme.gapSmall

            Repeater {
                model: [
                    { key: "status", text: qsTr("运行状态") },
                    { key: "sync", text: qsTr("数据同步") },
                    { key: "printer", text: qsTr("打印机") },
                    { key: "display", text: qsTr("待机与显示") },
                    { key: "kiosk", text: qsTr("终端信息") },
                    { key: "logs", text: qsTr("运行日志") }
                ]
                delegate: KButton {
                    required property var modelData
                    objectName: "nav_" + modelData.key
                    width: nav.width
                    kind: scene.page === modelData.key ? "primary" : "secondary"
                    text: modelData.text
                    onClicked: {
                        scene.page = modelData.key;
                        scene.confirmExit = false;
                        if (modelData.key === "status")
                            Technician.refreshStatus();
                        else if (modelData.key === "logs")
                            Technician.refreshLogs();
                        else
                            Technician.touch();
                    }
                }
            }
            Item { width: 1; height: Theme.gap }
            KButton {
                objectName: "exitDesktop"
                width: nav.width
                kind: scene.confirmExit ? "primary" : "ghost"
                text: scene.confirmExit ? qsTr("再按一次：退出到桌面") : qsTr("退出到桌面…")
                onClicked: {
                    if (scene.confirmExit)
                        Technician.exitToDesktop();
                    scene.confirmExit = !scene.confirmExit;
                }
            }
        }

        Rectangle {
            id: content
            anchors.top: header.bottom
            anchors.left: nav.right
            anchors.right: parent.right
            anchors.bottom: messageBar.top
            anchors.margins: Theme.margin
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: Theme.border
            clip: true

            Loader {
                anchors.fill: parent
                anchors.margins: Theme.gap * 1.5
                // One file per page (StatusPage.qml …), compiled when first shown.
                source: {
                    switch (scene.page) {
                    case "sync": return "SyncPage.qml";
                    case "printer": return "PrinterPage.qml";
                    case "display": return "DisplayPage.qml";
                    case "kiosk": return "KioskPage.qml";
                    case "logs": return "LogsPage.qml";
                    default: return "StatusPage.qml";
                    }
                }
            }
        }

        Rectangle {
            id: messageBar
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Theme.statusHeight
            color: Technician.message === "" ? Theme.surface
                   : (Technician.messageOk ? Theme.okSoft : Theme.dangerSoft)
            KText {
                objectName: "adminMessage"
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
                text: Technician.message
                size: Theme.fontSmall
                color: Technician.messageOk ? Theme.ok : Theme.danger
            }
        }
    }

}
