pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 手写: a square pad a finger writes one character on, its candidates (best first) above it,
// 撤销 and 清除 beside it. Each finished stroke goes to Handwriting (recognised off the GUI
// thread); a tap on a candidate adds it to the query and empties the pad for the next one.
Item {
    id: root

    // Leaving the search screen (another resident may come next) empties the pad.
    onVisibleChanged: if (!visible) Handwriting.clear()
    Component.onDestruction: Handwriting.clear()

    Item {
        id: candidateBar
        objectName: "handwritingCandidates"
        width: parent.width
        height: Theme.touch
        clip: true
        // As many candidates as fit in one row, each a square of at least Theme.touch.
        readonly property int fit: Math.max(1, Math.floor((width + Theme.gapSmall) / (Theme.touch + Theme.gapSmall)))

        Row {
            spacing: Theme.gapSmall
            Repeater {
                model: Handwriting.candidates.slice(0, candidateBar.fit)
                delegate: KButton {
                    required property string modelData
                    required property int index
                    objectName: "handwritingCandidate_" + index
                    width: Theme.touch
                    height: Theme.touch
                    kind: index === 0 ? "primary" : "secondary"
                    text: modelData
                    fontSize: Theme.fontHeading
                    onClicked: {
                        Resident.search(Resident.query + modelData);
                        Handwriting.clear();
                    }
                }
            }
        }
        KText {
            anchors.verticalCenter: parent.verticalCenter
            visible: Handwriting.candidates.length === 0
            text: qsTr("请在下面的方框里写一个字")
            color: Theme.textMuted
        }
    }

    Rectangle {
        id: pad
        objectName: "handwritingPad"
        anchors.top: candidateBar.bottom
        anchors.topMargin: Theme.gap
        anchors.left: parent.left
        width: Math.min(parent.width - buttons.width - Theme.gap, parent.height - candidateBar.height - Theme.gap)
        height: width
        radius: Theme.radiusSmall
        color: Theme.surface
        border.width: Theme.borderWidth + 1
        border.color: Theme.primary
        Accessible.role: Accessible.Canvas
        Accessible.name: qsTr("手写板")

        // A stroke being drawn: flat x, y pairs, sent to Handwriting on release.
        property var current: []

        // A new size would misplace the strokes drawn so far.
        onWidthChanged: Handwriting.clear()

        Canvas {
            id: canvas
            anchors.fill: parent
            anchors.margins: pad.border.width
            renderStrategy: Canvas.Cooperative

            function line(ctx, flat) {
                if (flat.length < 2)
                    return;
                ctx.beginPath();
                ctx.moveTo(flat[0], flat[1]);
                for (let i = 2; i + 1 < flat.length; i += 2)
                    ctx.lineTo(flat[i], flat[i + 1]);
                if (flat.length === 2)
                    ctx.lineTo(flat[0] + 0.5, flat[1] + 0.5);
                ctx.stroke();
            }

            onPaint: {
                const ctx = getContext("2d");
                ctx.reset();
                // 米字格: the guide lines of a Chinese copybook square.
                ctx.strokeStyle = Theme.border;
                ctx.lineWidth = 2;
                ctx.setLineDash([8, 8]);
                line(ctx, [width / 2, 0, width / 2, height]);
                line(ctx, [0, height / 2, width, height / 2]);
                line(ctx, [0, 0, width, height]);
                line(ctx, [width, 0, 0, height]);
                ctx.setLineDash([]);
                ctx.strokeStyle = Theme.text;
                ctx.lineWidth = Math.max(6, Math.round(width / 60));
                ctx.lineCap = "round";
                ctx.lineJoin = "round";
                const strokes = Handwriting.strokes;
                for (let s = 0; s < strokes.length; s++)
                    line(ctx, strokes[s]);
                line(ctx, pad.current);
            }

            Connections {
                target: Handwriting
                function onStrokes_changed() { canvas.requestPaint(); }
            }
            Connections {
                target: Theme
                function onHighContrastChanged() { canvas.requestPaint(); }
            }
        }

        MouseArea {
            id: writing
            anchors.fill: canvas
            preventStealing: true
            onPressed: (mouse) => {
                pad.current = [mouse.x, mouse.y];
                canvas.requestPaint();
            }
            onPositionChanged: (mouse) => {
                pad.current.push(mouse.x, mouse.y);
                canvas.requestPaint();
            }
            onReleased: (mouse) => {
                const stroke = pad.current;
                stroke.push(mouse.x, mouse.y);
                pad.current = [];
                Handwriting.addStroke(stroke, canvas.width, canvas.height);
                canvas.requestPaint();
            }
            onCanceled: {
                pad.current = [];
                canvas.requestPaint();
            }
        }
    }

    Column {
        id: buttons
        anchors.top: pad.top
        anchors.right: parent.right
        width: Theme.touch * 2
        spacing: Theme.gap
        KButton {
            objectName: "handwritingUndo"
            width: parent.width
            text: qsTr("撤销")
            enabled: Handwriting.strokes.length > 0
            opacity: enabled ? 1 : 0.5
            onClicked: Handwriting.undo()
        }
        KButton {
            objectName: "handwritingClear"
            width: parent.width
            text: qsTr("清除")
            enabled: Handwriting.strokes.length > 0
            opacity: enabled ? 1 : 0.5
            onClicked: Handwriting.clear()
        }
    }
}
