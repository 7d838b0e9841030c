pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Nothing matched: the heading over the closest items (they are not matches), and the themes
// and departments whose names share the query's words, each a tap away.
Column {
    id: heading

    objectName: "closestHeading"
    spacing: Theme.gapSmall
    bottomPadding: Theme.gap

    KText {
        objectName: "closestTitle"
        width: heading.width
        text: qsTr("没有找到完全匹配的事项，您可能要找：")
        size: Theme.fontHeading
        font.bold: true
        wrapMode: Text.Wrap
    }
    Flow {
        objectName: "relatedGroups"
        visible: groups.count > 0
        width: heading.width
        spacing: Theme.gapSmall
        Repeater {
            id: groups
            model: SearchResults.relatedModel
            delegate: KButton {
                required property string label
                required property string group
                objectName: "related_" + group + "_" + label
                text: (group === "theme" ? qsTr("主题：%1") : qsTr("部门：%1")).arg(label)
                onClicked: group === "theme" ? Resident.openTheme(label) : Resident.openDepartment(label)
            }
        }
    }
}
