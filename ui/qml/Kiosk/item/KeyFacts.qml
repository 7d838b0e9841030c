pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The three facts a resident asks first: how long, how many trips, how much.
Rectangle {
    id: card

    property var item: ({})

    function timeLimit() {
        if (card.item.promiseDays > 0)
            return qsTr("承诺 %1 个工作日").arg(card.item.promiseDays);
        if (card.item.caseType === "即办件")
            return qsTr("当场办结");
        if (card.item.legalDays > 0)
            return qsTr("法定 %1 个工作日").arg(card.item.legalDays);
        return "";
    }

    implicitHeight: column.implicitHeight + 2 * Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.border

    Column {
        id: column
        x: Theme.gap
        y: Theme.gap
        width: card.width - 2 * Theme.gap
        spacing: Theme.gapSmall
        Fact { width: parent.width; label: qsTr("办理时限"); value: card.item.code !== undefined ? card.timeLimit() : "" }
        Fact { width: parent.width; label: qsTr("跑动次数"); value: card.item.code !== undefined ? qsTr("%1 次").arg(card.item.visits) : "" }
        Fact { width: parent.width; label: qsTr("收费"); value: card.item.fee !== undefined ? card.item.fee : "" }
    }
}
