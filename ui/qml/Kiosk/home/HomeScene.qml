pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home: search entry, theme tiles, department browser, hot items.
Rectangle {
    id: scene


    color: Theme.background

    HomeHeader {
        id: topBar
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
    }

    SearchEntry {
        id: entry
        objectName: "homeSearchEntry"
        anchors.top: topBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.margin
        onActivated: Resident.openSearch()
    }

    // Landscape: themes and departments on the left, hot items on the right.
    // Portrait: themes, departments, then hot items stacked.
    Item {
        id: body
        anchors.top: entry.bottom
        anchors.topMargin: Theme.gap * 1.5
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: status.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.gap

        Item {
            id: leftPane
            width: Theme.portrait ? parent.width : Math.round(parent.width * 0.6)
            height: Theme.portrait ? themesBlock.height + deptBlock.height + Theme.gap * 1.5 : parent.height

            Column {
                id: themesBlock
                width: parent.width
                spacing: Theme.gapSmall
                SectionTitle {
                    text: qsTr("主题服务")
                    hint: qsTr("按生活事项找")
                }
                GridView {
                    id: themeGrid
                    // No current item on a touch screen. With one, the view's default highlight animates
                    // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
                    currentIndex: -1
                    highlightFollowsCurrentItem: false
                    objectName: "themeGrid"
                    // Elder mode: larger tiles, fewer at a time (the rest scroll): wider in
                    // landscape, taller in portrait, where the hot list below keeps whole rows.
                    property int columns: Theme.portrait || Theme.elder ? 5 : 7
                    property int rows: Math.min(Math.ceil(count / columns), Theme.portrait && !Theme.elder ? 3 : 2)
                    width: parent.width
                    height: rows * cellHeight
                    cellWidth: Math.floor(width / columns)
                    cellHeight: Theme.portrait ? (Theme.elder ? 210 : 180) : 150
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    model: Resident.themesModel
                    delegate: Item {
                        id: cell
                        required property int index
                        required property string label
                        required property int count
                        width: themeGrid.cellWidth
                        height: themeGrid.cellHeight
                        ThemeTile {
                            anchors.fill: parent
                            anchors.margins: 6
                            index: cell.index
                            label: cell.label
                            count: cell.count
                            onActivated: (name) => Resident.openTheme(name)
                        }
                    }
                }
            }

            Column {
                id: deptBlock
                anchors.top: themesBlock.bottom
                anchors.topMargin: Theme.gap
                width: parent.width
                spacing: Theme.gapSmall
                SectionTitle {
                    text: qsTr("部门服务")
                    hint: qsTr("左右滑动查看更多 ›")
                }
                GridView {
                    id: deptGrid
                    // No current item on a touch screen. With one, the view's default highlight animates
                    // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
                    currentIndex: -1
                    highlightFollowsCurrentItem: false
                    objectName: "departmentList"
                    width: parent.width
                    height: (Theme.elder ? 1 : 2) * cellHeight
                    flow: GridView.FlowTopToBottom
                    cellHeight: Theme.touch + 12
                    // Two whole buttons and the edge of a third (the cue to swipe), never narrower than normal.
                    cellWidth: Theme.elder ? Math.max(440, Math.floor(width / 2.1)) : 440
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    model: Resident.departmentsModel
                    delegate: Item {
                        id: dept
                        required property string label
                        required property int count
                        width: deptGrid.cellWidth
                        height: deptGrid.cellHeight
                        KButton {
                            objectName: "department_" + dept.label
                            anchors.fill: parent
                            anchors.margins: 6
                            text: dept.label
                            fontSize: Theme.fontSmall
                            onClicked: Resident.openDepartment(dept.label)
                        }
                    }
                }
            }
        }

        Rectangle {
            id: hotPanel
            x: Theme.portrait ? 0 : leftPane.width + Theme.gap * 1.5
            y: Theme.portrait ? leftPane.height + Theme.gap * 1.5 : 0
            width: Theme.portrait ? parent.width : parent.width - x
            height: parent.height - y
            radius: Theme.radius
            color: Theme.surface
            border.width: Theme.borderWidth / 2
            border.color: Theme.border

            SectionTitle {
                id: hotTitle
                anchors.top: parent.top
                anchors.left: parent.left
                anchors.margins: Theme.gap
                text: qsTr("热门事项")
                hint: qsTr("大家都在办")
            }
            ListView {
                id: hotList
                // No current item on a touch screen. With one, the view's default highlight animates
                // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
                currentIndex: -1
                highlightFollowsCurrentItem: false
                objectName: "hotList"
                anchors.top: hotTitle.bottom
                anchors.topMargin: Theme.gap
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: Theme.gap
                anchors.bottomMargin: Theme.gapSmall
                clip: true
                spacing: Theme.gapSmall
                boundsBehavior: Flickable.StopAtBounds
                model: Resident.hotModel
                delegate: ItemRow {
                    width: hotList.width
                    numbered: true
                    onActivated: (code) => Resident.openItem(code)
                }
            }
            ScrollHint {
                flickable: hotList
            }
        }
    }

    StatusBar {
        id: status
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
