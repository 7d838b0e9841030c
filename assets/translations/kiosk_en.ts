<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminScene</name>
    <message>
        <source>再按一次：退出到桌面</source>
        <translation>Press again to exit to the desktop</translation>
    </message>
    <message>
        <source>待机与显示</source>
        <translation>Idle and display</translation>
    </message>
    <message>
        <source>打印机</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>数据同步</source>
        <translation>Data sync</translation>
    </message>
    <message>
        <source>终端信息</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>维护模式</source>
        <translation>Maintenance mode</translation>
    </message>
    <message>
        <source>运行日志</source>
        <translation>Logs</translation>
    </message>
    <message>
        <source>运行状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>退出到桌面…</source>
        <translation>Exit to desktop…</translation>
    </message>
    <message>
        <source>退出维护</source>
        <translation>Leave maintenance</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Touch the screen to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
    <message>
        <source>查办事指南 · 扫码手机办 · 长辈模式大字显示</source>
        <translation>Service guides · Continue on your phone · Large text for seniors</translation>
    </message>
    <message>
        <source>轻触屏幕 开始办事</source>
        <translation>Touch to start</translation>
    </message>
</context>
<context>
    <name>BrowseScene</name>
    <message>
        <source>事项列表</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>共 %1 项，点击查看办事指南</source>
        <translation>%1 services (in Chinese) — tap one for its guide</translation>
    </message>
</context>
<context>
    <name>CaptionBar</name>
    <message>
        <source>停止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>大声</source>
        <translation>Louder</translation>
    </message>
    <message>
        <source>小声</source>
        <translation>Quieter</translation>
    </message>
    <message>
        <source>普通话</source>
        <translation>Mandarin</translation>
    </message>
    <message>
        <source>第 %1 / %2 句</source>
        <translation>Sentence %1 of %2</translation>
    </message>
    <message>
        <source>粤语</source>
        <translation>Cantonese</translation>
    </message>
    <message>
        <source>音量 %1/%2</source>
        <translation>Volume %1/%2</translation>
    </message>
</context>
<context>
    <name>ClosestHeading</name>
    <message>
        <source>主题：%1</source>
        <translation>Theme: %1</translation>
    </message>
    <message>
        <source>没有找到完全匹配的事项，您可能要找：</source>
        <translation>No service matches exactly. You may be looking for:</translation>
    </message>
    <message>
        <source>部门：%1</source>
        <translation>Department: %1</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>抱歉，刚才出了点问题，已返回首页</source>
        <translation>Sorry, something went wrong. You are back on the home screen.</translation>
    </message>
    <message>
        <source>该事项已不在目录中</source>
        <extracomment>How often the store is asked whether sync installed a new snapshot (ms). How often idle phases are re-evaluated (ms).</extracomment>
        <translation>This service is no longer in the catalogue</translation>
    </message>
</context>
<context>
    <name>DisplayControls</name>
    <message>
        <source>大</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>字号</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>字号%1</source>
        <translation>Text size %1</translation>
    </message>
    <message>
        <source>标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>特大</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
</context>
<context>
    <name>DisplayPage</name>
    <message>
        <source>关</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>多久后显示待机画面（秒）</source>
        <translation>Attract screen after (seconds)</translation>
    </message>
    <message>
        <source>字体缩放</source>
        <translation>Text scale</translation>
    </message>
    <message>
        <source>开</source>
        <translation>On</translation>
    </message>
    <message>
        <source>无操作多久后询问（秒）</source>
        <translation>Ask after no touch for (seconds)</translation>
    </message>
    <message>
        <source>显示鼠标指针</source>
        <translation>Show the mouse pointer</translation>
    </message>
    <message>
        <source>询问后倒计时（秒）</source>
        <translation>Countdown after asking (seconds)</translation>
    </message>
    <message>
        <source>高对比度</source>
        <translation>High contrast</translation>
    </message>
    <message>
        <source>默认长辈模式（大字）</source>
        <translation>Large text by default</translation>
    </message>
</context>
<context>
    <name>GuideNote</name>
    <message>
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <source>实施部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>本机目录只有这个事项的基本信息。用手机扫右侧二维码，可以查看办理条件、申请材料和办理流程，并在手机上继续办理。</source>
        <translation>This kiosk&apos;s list has only the basic facts of this service. Scan the QR code on the right with your phone to see the conditions, materials and steps, and to continue on your phone.</translation>
    </message>
    <message>
        <source>本机目录只有这个事项的基本信息。用手机扫左侧二维码，可以查看办理条件、申请材料和办理流程，并在手机上继续办理。</source>
        <translation>This kiosk&apos;s list has only the basic facts of this service. Scan the QR code on the left with your phone to see the conditions, materials and steps, and to continue on your phone.</translation>
    </message>
    <message>
        <source>本机目录只有这个事项的基本信息，办理条件和申请材料请到办事窗口咨询。</source>
        <translation>This kiosk&apos;s list has only the basic facts of this service. Please ask at a service counter for the conditions and materials.</translation>
    </message>
    <message>
        <source>详细办事指南请咨询窗口工作人员</source>
        <translation>For the full guide, ask at the service counter</translation>
    </message>
    <message>
        <source>详细办事指南请扫码在手机上查看</source>
        <translation>For the full guide, scan the QR code with your phone</translation>
    </message>
</context>
<context>
    <name>HandwritingPad</name>
    <message>
        <source>手写板</source>
        <translation>Handwriting pad</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>请在下面的方框里写一个字</source>
        <translation>Write one character in the box below</translation>
    </message>
</context>
<context>
    <name>HelpButton</name>
    <message>
        <source>呼叫工作人员</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>服务台</source>
        <translation>Help desk</translation>
    </message>
    <message>
        <source>服务电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>本机位置</source>
        <translation>This kiosk</translation>
    </message>
    <message>
        <source>请到以下地点找工作人员，或拨打电话：</source>
        <translation>Staff can help you here, or call:</translation>
    </message>
    <message>
        <source>请向大厅工作人员求助</source>
        <translation>Please ask a member of staff in the hall for help</translation>
    </message>
    <message>
        <source>需要帮助？</source>
        <translation>Need help?</translation>
    </message>
</context>
<context>
    <name>HomeHeader</name>
    <message>
        <source>yyyy年M月d日 dddd</source>
        <translation>dddd, d MMMM yyyy</translation>
    </message>
    <message>
        <source>大</source>
        <translation>A</translation>
    </message>
    <message>
        <source>自助办 · 查指南 · 扫码手机办</source>
        <translation>Self-service · Guides · Continue on your phone</translation>
    </message>
    <message>
        <source>长辈模式</source>
        <translation>Large text</translation>
    </message>
</context>
<context>
    <name>HomeScene</name>
    <message>
        <source>主题服务</source>
        <translation>Services by topic</translation>
    </message>
    <message>
        <source>左右滑动查看更多 ›</source>
        <translation>Swipe for more ›</translation>
    </message>
    <message>
        <source>按生活事项找</source>
        <translation>Find by life event · in Chinese</translation>
    </message>
    <message>
        <source>部门服务</source>
        <translation>By department</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>为保护您的隐私，%1 秒后将清除本次查询并返回首页</source>
        <translation>To protect your privacy, this search will be cleared in %1 s</translation>
    </message>
    <message>
        <source>结束并返回</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>还在使用吗？</source>
        <translation>Still there?</translation>
    </message>
</context>
<context>
    <name>InitialsPad</name>
    <message>
        <source>删除一个字母</source>
        <translation>Delete one letter</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
</context>
<context>
    <name>ItemRow</name>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>暂停办理</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>本机可办</source>
        <translation>At this kiosk</translation>
    </message>
    <message>
        <source>查看指南</source>
        <translation>See guide</translation>
    </message>
    <message>
        <source>相近事项</source>
        <translation>Similar services</translation>
    </message>
</context>
<context>
    <name>ItemScene</name>
    <message>
        <source>✓ 可在本机办理</source>
        <translation>✓ Can be done at this kiosk</translation>
    </message>
    <message>
        <source>办事指南</source>
        <translation>Guide (in Chinese)</translation>
    </message>
    <message>
        <source>办件类型</source>
        <translation>Case type</translation>
    </message>
    <message>
        <source>办理地点</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>办理时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <source>办理条件</source>
        <translation>Who can apply</translation>
    </message>
    <message>
        <source>办理流程</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>咨询与办理地点</source>
        <translation>Contact and location</translation>
    </message>
    <message>
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>打印办事指南</source>
        <translation>Print the guide</translation>
    </message>
    <message>
        <source>承诺时限</source>
        <translation>Promised time</translation>
    </message>
    <message>
        <source>收费标准</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>时限与收费</source>
        <translation>Time and fees</translation>
    </message>
    <message>
        <source>服务对象：%1</source>
        <translation>For: %1</translation>
    </message>
    <message>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>法定时限</source>
        <translation>Legal time limit</translation>
    </message>
    <message>
        <source>温馨提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>申请材料</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>跑动次数</source>
        <translation>Visits needed</translation>
    </message>
    <message>
        <source>需到窗口或网上办理</source>
        <translation>At a counter or online</translation>
    </message>
    <message>
        <source>，请咨询窗口工作人员</source>
        <translation>. Please ask at a service counter.</translation>
    </message>
</context>
<context>
    <name>KeyFacts</name>
    <message>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>收费</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>跑动次数</source>
        <translation>Visits needed</translation>
    </message>
</context>
<context>
    <name>KeyboardPanel</name>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>简体 拼音</source>
        <translation>简体 拼音</translation>
    </message>
    <message>
        <source>繁體 倉頡</source>
        <translation>繁體 倉頡</translation>
    </message>
</context>
<context>
    <name>KioskPage</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>安装位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>服务台位置（居民点“帮助”时看到）</source>
        <translation>Help desk location (shown when a resident taps Help)</translation>
    </message>
    <message>
        <source>服务台电话</source>
        <translation>Help desk phone</translation>
    </message>
    <message>
        <source>终端编号</source>
        <translation>Kiosk ID</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
</context>
<context>
    <name>LogsPage</name>
    <message>
        <source>刷新（最新在上）</source>
        <translation>Refresh (newest first)</translation>
    </message>
    <message>
        <source>运行日志</source>
        <translation>Logs</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>政务服务自助终端</source>
        <translation>Government Self-Service Kiosk</translation>
    </message>
    <message>
        <source>维护功能暂不可用，请运行 kiosk doctor 查看原因</source>
        <translation>Maintenance is unavailable; run kiosk doctor to see why</translation>
    </message>
</context>
<context>
    <name>OutOfService</name>
    <message>
        <source>Out of service. Please visit a service counter.</source>
        <translation>请到人工服务窗口办理。</translation>
    </message>
    <message>
        <source>事项目录正在维护，请到人工服务窗口办理，或稍后再试。给您带来不便，敬请谅解。</source>
        <translation>The service catalogue is being maintained. Please visit a service counter or try again later. We apologise for the inconvenience.</translation>
    </message>
    <message>
        <source>本终端暂停服务</source>
        <translation>This kiosk is out of service</translation>
    </message>
    <message>
        <source>终端编号 %1</source>
        <translation>Kiosk ID %1</translation>
    </message>
    <message>
        <source>终端编号 %1 · %2</source>
        <translation>Kiosk ID %1 · %2</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>取消，返回首页</source>
        <translation>Cancel, back to home</translation>
    </message>
    <message>
        <source>尝试次数过多，请 %1 秒后再试</source>
        <translation>Too many attempts; try again in %1 s</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>确认</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>维护模式：请输入管理密码</source>
        <translation>Maintenance mode: enter the PIN</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>办事指南已保存。</source>
        <translation>The service guide has been saved.</translation>
    </message>
    <message>
        <source>已发送到打印机，请在出纸口取走办事指南。</source>
        <translation>Sent to the printer. Please take the guide from the paper slot.</translation>
    </message>
    <message>
        <source>已打印，请在出纸口取走办事指南。</source>
        <translation>Printed. Please take the guide from the paper slot.</translation>
    </message>
    <message>
        <source>您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印失败，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>Printing failed. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印已被取消，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>Printing was cancelled. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印服务未启动，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The print service is not running. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机已暂停，未能打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer is paused and nothing was printed. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机故障，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer has a fault. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机暂停接收打印任务，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer is not accepting jobs. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机未找到，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer was not found. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机未能完成打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer could not finish printing. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机未连接或已暂停，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer is not connected or is paused. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机缺纸，请联系工作人员加纸。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer is out of paper. Please ask a member of staff to add paper. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>打印机长时间没有响应，未能打印，请联系工作人员。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>The printer did not respond and nothing was printed. Please ask a member of staff. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>本机暂不提供打印。您也可以用手机扫描屏幕上的二维码保存办事指南。</source>
        <translation>This kiosk does not print. You can also scan the QR code on the screen with your phone to keep the guide.</translation>
    </message>
    <message>
        <source>正在打印上一份，请稍候。</source>
        <translation>Still printing the previous guide, please wait.</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>58 毫米热敏纸</source>
        <translation>58 mm thermal paper</translation>
    </message>
    <message>
        <source>80 毫米热敏纸</source>
        <translation>80 mm thermal paper</translation>
    </message>
    <message>
        <source>CUPS 打印机</source>
        <translation>CUPS printer</translation>
    </message>
    <message>
        <source>ESC/POS 热敏打印机</source>
        <translation>ESC/POS thermal printer</translation>
    </message>
    <message>
        <source>PDF 文件</source>
        <translation>PDF file</translation>
    </message>
    <message>
        <source>不打印</source>
        <translation>No printing</translation>
    </message>
    <message>
        <source>打印方式</source>
        <translation>Print to</translation>
    </message>
    <message>
        <source>没有找到打印机（CUPS：先用 lpadmin 添加；ESC/POS：检查 USB 连接）</source>
        <translation>No printer found (CUPS: add one with lpadmin first; ESC/POS: check the USB cable)</translation>
    </message>
    <message>
        <source>测试打印</source>
        <translation>Test print</translation>
    </message>
    <message>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>选择打印机</source>
        <translation>Choose a printer</translation>
    </message>
</context>
<context>
    <name>QrCard</name>
    <message>
        <source>扫码在手机上继续办理</source>
        <translation>Scan to continue on your phone</translation>
    </message>
    <message>
        <source>放大二维码</source>
        <translation>Enlarge the QR code</translation>
    </message>
    <message>
        <source>该事项暂无网上办理地址，请到窗口办理</source>
        <translation>No online address: please visit a service counter</translation>
    </message>
</context>
<context>
    <name>QrZoom</name>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>扫码在手机上继续办理</source>
        <translation>Scan to continue on your phone</translation>
    </message>
</context>
<context>
    <name>ReadAloudButton</name>
    <message>
        <source>停止朗读</source>
        <translation>Stop reading</translation>
    </message>
    <message>
        <source>朗读</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>用%1读出本页要点</source>
        <translation>Read this page&apos;s main points in %1</translation>
    </message>
</context>
<context>
    <name>SceneHeader</name>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
</context>
<context>
    <name>SearchEntry</name>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>搜索事项，可输入拼音首字母，如 sbcx</source>
        <translation>Search services, e.g. pinyin initials sbcx</translation>
    </message>
</context>
<context>
    <name>SearchScene</name>
    <message>
        <source>也可以从下面的主题里找：</source>
        <translation>Or look in the themes below:</translation>
    </message>
    <message>
        <source>也可以从下面的部门里找：</source>
        <translation>Or look in the departments below:</translation>
    </message>
    <message>
        <source>全键盘 拼音/ABC</source>
        <translation>Full keyboard Pinyin/ABC</translation>
    </message>
    <message>
        <source>可以换个说法，或从下面的主题里找：</source>
        <translation>Try other words, or pick a topic below:</translation>
    </message>
    <message>
        <source>可以换个说法，或从下面的部门里找：</source>
        <translation>Try other words, or look in the departments below:</translation>
    </message>
    <message>
        <source>手写</source>
        <translation>Handwriting</translation>
    </message>
    <message>
        <source>找到 %1 项</source>
        <translation>%1 found · names in Chinese</translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation>Pinyin initials</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search services</translation>
    </message>
    <message>
        <source>搜索内容</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>本机常用事项</source>
        <translation>Often used at this kiosk</translation>
    </message>
    <message>
        <source>没有找到“%1”相关事项</source>
        <translation>Nothing found for “%1”</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>点字母输入拼音首字母，例如 社保查询 → SBCX</source>
        <translation>Tap letters for pinyin initials, e.g. 社保查询 → SBCX</translation>
    </message>
    <message>
        <source>热门事项</source>
        <translation>Popular services</translation>
    </message>
    <message>
        <source>请在手写板上写字</source>
        <translation>Write on the handwriting pad</translation>
    </message>
    <message>
        <source>请点字母</source>
        <translation>Tap the letters</translation>
    </message>
    <message>
        <source>请用下方键盘输入</source>
        <translation>Type with the keyboard below</translation>
    </message>
    <message>
        <source>输入拼音首字母或汉字查找事项</source>
        <translation>Type pinyin initials or Chinese characters to find a service</translation>
    </message>
</context>
<context>
    <name>ShortlistPanel</name>
    <message>
        <source>在这台终端上常被查看</source>
        <translation>Often opened at this kiosk</translation>
    </message>
    <message>
        <source>大家都在办</source>
        <translation>What most people come for</translation>
    </message>
    <message>
        <source>本机常用事项</source>
        <translation>Often used at this kiosk</translation>
    </message>
    <message>
        <source>热门事项</source>
        <translation>Popular services</translation>
    </message>
</context>
<context>
    <name>SlipPrinter</name>
    <message>
        <source>本机暂不支持打印</source>
        <translation>This kiosk cannot print</translation>
    </message>
    <message>
        <source>正在打印上一份，请稍候。</source>
        <translation>Still printing the previous guide, please wait.</translation>
    </message>
</context>
<context>
    <name>SpeechBackend</name>
    <message>
        <source>暂时无法播放声音，请向工作人员求助</source>
        <translation>Sound cannot be played at the moment; please ask a member of staff</translation>
    </message>
    <message>
        <source>暂时无法朗读</source>
        <extracomment>A technician (or a test) may name another player: ``KIOSK_SPEECH_PLAYER=&quot;paplay&quot;``.</extracomment>
        <translation>Reading aloud is not available at the moment</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>数据版本 %1 · %2</source>
        <translation>Data version %1 · %2</translation>
    </message>
    <message>
        <source>示例数据</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>终端 %1</source>
        <translation>Kiosk %1</translation>
    </message>
    <message>
        <source>终端 %1 · %2</source>
        <translation>Kiosk %1 · %2</translation>
    </message>
</context>
<context>
    <name>StatusPage</name>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>从同步来源下载并校验最新的事项目录。同步在后台进行，不影响居民使用。</source>
        <translation>Download and verify the latest catalogue from the sync source. Sync runs in the background; residents are not disturbed.</translation>
    </message>
    <message>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
</context>
<context>
    <name>ThemeTile</name>
    <message>
        <source>%1 项</source>
        <translation>%1 items</translation>
    </message>
</context>
<context>
    <name>style</name>
    <message>
        <source>English 空格</source>
        <translation>English space</translation>
    </message>
    <message>
        <source>倉頡 (繁體)</source>
        <translation>倉頡 (繁體)</translation>
    </message>
    <message>
        <source>切换</source>
        <translation>Switch</translation>
    </message>
    <message>
        <source>大写</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>大写锁定</source>
        <translation>Caps lock</translation>
    </message>
    <message>
        <source>手写</source>
        <translation>Handwriting</translation>
    </message>
    <message>
        <source>拼音 空格</source>
        <translation>Pinyin space</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>注音 (繁體)</source>
        <translation>注音 (繁體)</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
</TS>
