pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One titled block of the 办事指南, holding any content.
Column {
    id: section

    property string title: ""
    default property alias content: body.data

    spacing: Theme.gapSmall

    SectionTitle {
        text: section.title
    }
    Column {
        id: body
        width: section.width
        spacing: Theme.gapSmall
    }
}
