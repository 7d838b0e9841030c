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
        anchors.right: Theme.portrait ? parent.right : displayControls.left
        anchors.margins: Theme.margin
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap
        onActivated: Resident.openSearch()
    }

    // Text size and contrast for the resident: beside the search entry, or under it in portrait.
    DisplayControls {
        id: displayControls
        objectName: "displayControls"
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        y: Theme.portrait ? entry.y + entry.height + Theme.gap : entry.y + (entry.height - height) / 2
    }

    // Landscape: themes and departments on the left, hot items on the right.
    // Portrait: themes, departments, then hot items stacked.
    Item {
        id: body
        anchors.top: Theme.portrait ? displayControls.bottom : entry.bottom
        anchors.topMargin: Theme.gap * 1.5
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: status.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.gap

        Item {
            id: leftPane
            width: Theme.portrait || !hotPanel.shown ? parent.width : Math.round(parent.width * 0.6)
            height: Theme.portrait && hotPanel.shown ? themesBlock.height + deptBlock.height + Theme.gap * 1.5
                                                     : parent.height

            Column {
                id: themesBlock
                objectName: "themesBlock"
                // A list without themes the lexicon could place: no heading over nothing.
                visible: themeGrid.count > 0
                height: visible ? implicitHeight : 0
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
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("主题服务")
                    // Elder mode: larger tiles, fewer at a time (the rest scroll). Without the short
                    // list, themes get more of the width (landscape) or a row more (portrait).
                    property int columns: Theme.portrait || Theme.elder ? 5 : hotPanel.shown ? 7 : 10
                    property int rows: Math.min(Math.ceil(count / columns),
                                                Theme.portrait && !Theme.elder ? (hotPanel.shown ? 3 : 4) : 2)
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
                anchors.top: themesBlock.visible ? themesBlock.bottom : parent.top
                anchors.topMargin: themesBlock.visible ? Theme.gap : 0
                width: parent.width
                spacing: Theme.gapSmall
                SectionTitle {
                    id: deptTitle
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
                    Accessible.role: Accessible.List
                    Accessible.name: qsTr("部门服务")
                    width: parent.width
                    // Two rows (one in landscape elder mode or large text); without the short list,
                    // every row the pane has room for.
                    property int rows: hotPanel.shown ? ((Theme.elder || Theme.scale > 1.1) && !Theme.portrait ? 1 : 2)
                        : Math.max(1, Math.floor((leftPane.height - deptBlock.y - deptTitle.height
                                                  - deptBlock.spacing) / cellHeight))
                    height: rows * cellHeight
                    flow: GridView.FlowTopToBottom
                    cellHeight: Theme.touch + 12
                    // Wide enough for a long department name at the resident's text size; in elder
                    // mode two whole buttons and the edge of a third (the cue to swipe).
                    cellWidth: Math.max(Theme.elder ? Math.max(440, Math.floor(width / 2.1)) : 440,
                                        Math.round(400 * Theme.scale))
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

        // Hidden when it has no rows (a list without hot ranks, no views yet): then the left pane
        // (themes and departments) takes the whole body.
        ShortlistPanel {
            id: hotPanel
            visible: shown
            x: Theme.portrait ? 0 : leftPane.width + Theme.gap * 1.5
            y: Theme.portrait ? leftPane.height + Theme.gap * 1.5 : 0
            width: Theme.portrait ? parent.width : parent.width - x
            height: parent.height - y
        }
    }

    StatusBar {
        id: status
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
    }
}
