pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The items of one theme or department.
Rectangle {
    id: scene


    color: Theme.background

    SceneHeader {
        id: topBar
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        title: Resident.browseTitle
        subtitle: qsTr("共 %1 项，点击查看办事指南").arg(list.count)
    }

    GridView {
        id: list
        // No current item on a touch screen. With one, the view's default highlight animates
        // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
        currentIndex: -1
        highlightFollowsCurrentItem: false
        objectName: "browseList"
        Accessible.role: Accessible.List
        Accessible.name: qsTr("事项列表")
        property int columns: Theme.portrait || Theme.elder ? 1 : 2
        anchors.top: topBar.bottom
        anchors.topMargin: Theme.gap
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.leftMargin: Theme.margin - Theme.gapSmall / 2
        anchors.rightMargin: Theme.margin - Theme.gapSmall / 2
        cellWidth: Math.floor(width / columns)
        cellHeight: Theme.touch + 2 * Theme.gap + Theme.fontSmall + 12
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        cacheBuffer: 0  // see SearchScene: the model is reset under asynchronous delegate creation
        model: Resident.browseModel
        delegate: Item {
            id: cell
            required property int index
            required property string name
            required property string code
            required property string department
            required property string status
            required property bool terminal
            required property string distinguish
            width: list.cellWidth
            height: list.cellHeight
            ItemRow {
                anchors.fill: parent
                anchors.margins: Theme.gapSmall / 2
                index: cell.index
                name: cell.name
                code: cell.code
                department: cell.department
                status: cell.status
                terminal: cell.terminal
                distinguish: cell.distinguish
                marked: ""
                closest: false
                onActivated: (code) => Resident.openItem(code)
            }
        }
    }
    ScrollHint {
        flickable: list
        x: list.x + list.width - 10
    }
}
