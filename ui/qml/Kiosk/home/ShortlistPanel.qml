pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Home's short list: the list's hot items (热门事项), else this kiosk's most viewed (本机常用事项).
// With neither there are no rows and the scene does not draw the panel (shown is false).
Rectangle {
    id: panel

    readonly property bool shown: list.count > 0
    // Tall enough for the title and two whole rows: the scene hides the panel rather than give
    // it less (a lone row or half of one reads as broken). Measured after the rows are laid out
    // (not a binding: the rows' heights follow the panel's, which follows this).
    property real minHeight: 0

    function measure(): void {
        const avg = Math.max(Theme.touch + 24, list.count > 0 ? (list.contentHeight + list.spacing) / list.count - list.spacing : 0);
        const a = list.itemAtIndex(0), b = list.itemAtIndex(1);
        panel.minHeight = title.y + title.height + 2 * Theme.gap + Theme.gapSmall + list.spacing
            + (a ? a.height : avg) + (b ? b.height : avg) + 4;
    }
    Component.onCompleted: Qt.callLater(panel.measure)

    objectName: "shortlistPanel"
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth / 2
    border.color: Theme.border

    SectionTitle {
        id: title
        onHeightChanged: Qt.callLater(panel.measure)
        objectName: "shortlistTitle"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.gap
        // Only the list's own hot ranks are 热门; view counts are this kiosk's, and say so.
        text: Resident.shortlist === "hot" ? qsTr("热门事项") : qsTr("本机常用事项")
        hint: Resident.shortlist === "hot" ? qsTr("大家都在办") : qsTr("在这台终端上常被查看")
    }
    ListView {
        id: list
        // No current item on a touch screen. With one, the view's default highlight animates
        // to it for ~2 s after every model reset, redrawing the window at 60 fps meanwhile.
        currentIndex: -1
        highlightFollowsCurrentItem: false
        objectName: "hotList"
        Accessible.role: Accessible.List
        Accessible.name: title.text
        anchors.top: title.bottom
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
        onContentHeightChanged: Qt.callLater(panel.measure)
        onCountChanged: Qt.callLater(panel.measure)
        onWidthChanged: Qt.callLater(panel.measure)
        delegate: ItemRow {
            width: list.width
            // a rank number only for the list's own ranking
            numbered: Resident.shortlist === "hot"
            onActivated: (code) => Resident.openItem(code)
        }
    }
    ScrollHint {
        flickable: list
    }
}
