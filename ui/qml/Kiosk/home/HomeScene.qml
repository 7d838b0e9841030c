pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home: search entry, theme tiles, department browser, hot items.
Rectangle {
    id: scene


    color: Theme.background

    // The text size and contrast buttons beside the search entry when that leaves the entry
    // at least this share of the width; else under it (portrait, elder mode), so the entry
    // keeps its width when everything grows.
    readonly property bool controlsBeside: !Theme.portrait
        && width - 2 * Theme.margin - Theme.gap - displayControls.lineWidth >= 0.42 * (width - 2 * Theme.margin)
    // The short list when it has rows and room for two of them beside (landscape) or under
    // (portrait) one row of themes and one of departments.
    readonly property bool hotOn: hotPanel.shown && !sideBySide
        && (Theme.portrait ? body.height - minLeft - Theme.gap * 1.5 >= hotPanel.minHeight
                           : body.height >= hotPanel.minHeight)
    // Themes and departments, one row each: the least the left pane shows.
    readonly property real themesFixed: themesBlock.visible ? themesTitle.height + themesBlock.spacing : 0
    readonly property real deptFixed: (themesBlock.visible ? Theme.gap : 0) + deptTitle.height + deptBlock.spacing
    readonly property real minLeft: (themesBlock.visible ? themesFixed + themeGrid.cellHeight : 0)
        + deptFixed + deptGrid.cellHeight
    // Landscape without room for a row of themes over a row of departments (English in elder
    // mode: the header's buttons take a row, the display controls go under the entry): the two
    // blocks side by side, the whole width (no short list).
    // (By the titles' one-line heights: their width, hence whether their hints wrap, follows this.)
    readonly property bool sideBySide: !Theme.portrait && themesBlock.visible
        && body.height < themesTitle.lineHeight + themesBlock.spacing + themeGrid.cellHeight
                         + Theme.gap + deptTitle.lineHeight + deptBlock.spacing + deptGrid.cellHeight
    // The height themes and departments may take.
    readonly property real paneRoom: Theme.portrait && hotOn ? body.height - hotPanel.minHeight - Theme.gap * 1.5
                                                             : body.height

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
        anchors.right: scene.controlsBeside ? displayControls.left : parent.right
        anchors.margins: Theme.margin
        anchors.rightMargin: scene.controlsBeside ? Theme.gap : Theme.margin
        onActivated: Resident.openSearch()
    }

    // Text size and contrast for the resident: beside the search entry, or under it.
    DisplayControls {
        id: displayControls
        objectName: "displayControls"
        maxWidth: scene.width - 2 * Theme.margin
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        y: scene.controlsBeside ? entry.y + (entry.height - height) / 2 : entry.y + entry.height + Theme.gap
    }

    // Landscape: themes and departments on the left, hot items on the right.
    // Portrait: themes, departments, then hot items stacked.
    Item {
        id: body
        anchors.top: scene.controlsBeside ? entry.bottom : displayControls.bottom
        anchors.topMargin: Theme.gap * 1.5
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: status.top
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.bottomMargin: Theme.gap

        Item {
            id: leftPane
            width: Theme.portrait || !scene.hotOn ? parent.width : Math.round(parent.width * 0.6)
            height: Theme.portrait && scene.hotOn ? deptBlock.y + deptBlock.height : parent.height

            Column {
                id: themesBlock
                objectName: "themesBlock"
                // A list without themes the lexicon could place: no heading over nothing.
                visible: themeGrid.count > 0
                height: visible ? implicitHeight : 0
                width: scene.sideBySide ? (parent.width - Theme.gap * 1.5) / 2 : parent.width
                spacing: Theme.gapSmall
                SectionTitle {
                    id: themesTitle
                    width: parent.width
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
                    property int columns: scene.sideBySide ? 3 : Theme.portrait || Theme.elder ? 5 : scene.hotOn ? 7 : 10
                    // as many as wanted that leave the departments one row
                    property int rows: Math.max(1, Math.min(Math.ceil(count / columns),
                                                Theme.portrait && !Theme.elder ? (scene.hotOn ? 3 : 4) : 2,
                                                Math.floor((scene.paneRoom - scene.themesFixed - scene.deptFixed
                                                            - deptGrid.cellHeight) / cellHeight)))
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
                anchors.top: themesBlock.visible && !scene.sideBySide ? themesBlock.bottom : parent.top
                anchors.topMargin: themesBlock.visible && !scene.sideBySide ? Theme.gap : 0
                x: scene.sideBySide ? themesBlock.width + Theme.gap * 1.5 : 0
                width: scene.sideBySide ? themesBlock.width : parent.width
                spacing: Theme.gapSmall
                SectionTitle {
                    id: deptTitle
                    width: parent.width
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
                    readonly property int fit: Math.max(1, Math.floor((scene.paneRoom - deptBlock.y - deptTitle.height
                                                                       - deptBlock.spacing) / cellHeight))
                    property int rows: scene.hotOn ? Math.min(fit, (Theme.elder || Theme.scale > 1.1) && !Theme.portrait ? 1 : 2)
                                                   : fit
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
            visible: scene.hotOn
            // placed as if shown, so the rows it measures (minHeight) do not follow whether it is
            x: Theme.portrait ? 0 : Math.round(parent.width * 0.6) + Theme.gap * 1.5
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
