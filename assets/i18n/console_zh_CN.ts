<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgendaPage</name>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Publish agenda</source>
        <translation>发布议程</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>◀ Previous item</source>
        <translation>◀ 上一项</translation>
    </message>
    <message>
        <source>Next item ▶</source>
        <translation>下一项 ▶</translation>
    </message>
    <message>
        <source>Draft (drag to reorder)</source>
        <translation>草稿（拖动调整顺序）</translation>
    </message>
    <message>
        <source>Add item…</source>
        <translation>添加议程项…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>[%1 documents]</source>
        <translation>［%1 份文件］</translation>
    </message>
    <message>
        <source>The draft has changes that are not published yet.</source>
        <translation>草稿有尚未发布的修改。</translation>
    </message>
    <message>
        <source>The draft is the published agenda.</source>
        <translation>草稿与已发布议程一致。</translation>
    </message>
    <message>
        <source>Published agenda: version %1, %2</source>
        <translation>已发布议程：第 %1 版，%2</translation>
    </message>
    <message>
        <source>No agenda has been published yet.</source>
        <translation>尚未发布议程。</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Set current</source>
        <translation>设为当前</translation>
    </message>
    <message>
        <source>Choose a draft item first.</source>
        <translation>请先选择一个草稿议程项。</translation>
    </message>
    <message>
        <source>Agenda version %1 published to every terminal.</source>
        <translation>第 %1 版议程已发布到所有终端。</translation>
    </message>
    <message>
        <source>Agenda item</source>
        <translation>议程项</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <source>Attendance</source>
        <translation>出席情况</translation>
    </message>
    <message>
        <source>Expected (应到)</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Present (实到)</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>On leave (请假)</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent (缺席)</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>on leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>代表证号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Late sign-in (补签)…</source>
        <translation>补签…</translation>
    </message>
    <message>
        <source>Leave (请假)…</source>
        <translation>请假…</translation>
    </message>
    <message>
        <source>Sitting:</source>
        <translation>会议：</translation>
    </message>
    <message>
        <source>Quorum %1: met</source>
        <translation>法定人数 %1：已达到</translation>
    </message>
    <message>
        <source>Quorum %1: not met</source>
        <translation>法定人数 %1：未达到</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>Not signed in: %1</source>
        <translation>未签到：%1 人</translation>
    </message>
    <message>
        <source>Choose a delegate in the not-signed-in list first.</source>
        <translation>请先在未签到名单中选择一位代表。</translation>
    </message>
    <message>
        <source>Reason for %1:</source>
        <translation>%1 的原因：</translation>
    </message>
    <message>
        <source>Late sign-in (补签)</source>
        <translation>补签</translation>
    </message>
    <message>
        <source>Late sign-in recorded for %1.</source>
        <translation>已为 %1 补签。</translation>
    </message>
    <message>
        <source>Leave (请假)</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Leave recorded for %1.</source>
        <translation>已登记 %1 请假。</translation>
    </message>
</context>
<context>
    <name>ConsoleMessages</name>
    <message>
        <source>Something went wrong in the console. Please try again.</source>
        <translation>控制台出现错误，请重试。</translation>
    </message>
    <message>
        <source>The server cannot be reached. Check the network and try again.</source>
        <translation>无法连接服务器，请检查网络后重试。</translation>
    </message>
    <message>
        <source>Wrong username or password, or the login has expired.</source>
        <translation>用户名或密码错误，或登录已过期。</translation>
    </message>
    <message>
        <source>Your role is not allowed to do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>This no longer exists on the server. Please refresh.</source>
        <translation>服务器上已没有此项，请刷新。</translation>
    </message>
    <message>
        <source>This was changed elsewhere in the meantime: %1</source>
        <translation>此项已在别处被修改：%1</translation>
    </message>
    <message>
        <source>The server refused this: %1</source>
        <translation>服务器拒绝了此操作：%1</translation>
    </message>
    <message>
        <source>The server had a problem (%1). Please try again.</source>
        <translation>服务器出现问题（%1），请重试。</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Secretariat console</source>
        <translation>大会秘书处控制台</translation>
    </message>
    <message>
        <source>secretariat</source>
        <translation>大会秘书处</translation>
    </message>
    <message>
        <source>handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技术人员</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Your role has no screens in this console.</source>
        <translation>您的角色在控制台中没有可用的页面。</translation>
    </message>
    <message>
        <source>● live</source>
        <translation>● 实时</translation>
    </message>
    <message>
        <source>○ reconnecting…</source>
        <translation>○ 正在重新连接…</translation>
    </message>
</context>
<context>
    <name>DisplayWindow</name>
    <message>
        <source>Hall display</source>
        <translation>会场大屏</translation>
    </message>
    <message>
        <source>Current agenda item</source>
        <translation>当前议程</translation>
    </message>
    <message>
        <source>Expected (应到)</source>
        <translation>应到</translation>
    </message>
    <message>
        <source>Present (实到)</source>
        <translation>实到</translation>
    </message>
    <message>
        <source>On leave (请假)</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent (缺席)</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>The server cannot be reached; showing the last known state.</source>
        <translation>无法连接服务器，显示的是最后已知状态。</translation>
    </message>
    <message>
        <source>No congress session</source>
        <translation>暂无会议</translation>
    </message>
    <message>
        <source>The sitting has not begun</source>
        <translation>会议尚未开始</translation>
    </message>
    <message>
        <source>Item %1: %2</source>
        <translation>第%1项：%2</translation>
    </message>
    <message>
        <source>Quorum (%1) present</source>
        <translation>已达法定人数（%1）</translation>
    </message>
    <message>
        <source>Quorum (%1) not reached</source>
        <translation>未达法定人数（%1）</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>public</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>confidential</source>
        <translation>机密</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小（KB）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Upload PDF…</source>
        <translation>上传 PDF…</translation>
    </message>
    <message>
        <source>New version…</source>
        <translation>上传新版本…</translation>
    </message>
    <message>
        <source>Set classification</source>
        <translation>设置密级</translation>
    </message>
    <message>
        <source>Classification:</source>
        <translation>密级：</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>Choose the document to replace first.</source>
        <translation>请先选择要替换的文件。</translation>
    </message>
    <message>
        <source>Uploading %1…</source>
        <translation>正在上传 %1…</translation>
    </message>
    <message>
        <source>Uploaded “%1” (%2 pages, version %3).</source>
        <translation>已上传“%1”（%2 页，第 %3 版）。</translation>
    </message>
    <message>
        <source>Choose a document first.</source>
        <translation>请先选择一份文件。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Secretariat console — log in</source>
        <translation>大会秘书处控制台 — 登录</translation>
    </message>
    <message>
        <source>Secretariat console</source>
        <translation>大会秘书处控制台</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>MotionsPage</name>
    <message>
        <source>Motions</source>
        <translation>议案</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>on the agenda</source>
        <translation>已列入议程</translation>
    </message>
    <message>
        <source>converted to a suggestion</source>
        <translation>已转为建议</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Co-signers</source>
        <translation>附议人数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Add motion…</source>
        <translation>新建议案…</translation>
    </message>
    <message>
        <source>New motion</source>
        <translation>新建议案</translation>
    </message>
    <message>
        <source>Cause (案由)</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Grounds (案据)</source>
        <translation>案据</translation>
    </message>
    <message>
        <source>Proposal (方案)</source>
        <translation>方案</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Publish notice…</source>
        <translation>发布通知…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>New notice</source>
        <translation>新通知</translation>
    </message>
</context>
<context>
    <name>PresenterPageControl</name>
    <message>
        <source>Presenter</source>
        <translation>报告人</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Broadcast this page</source>
        <translation>同步此页</translation>
    </message>
    <message>
        <source>Terminals in follow mode jump to the page you broadcast.</source>
        <translation>处于跟随模式的终端会跳转到您同步的页面。</translation>
    </message>
    <message>
        <source>◀ Previous page</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>Next page ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Nothing has been broadcast yet.</source>
        <translation>尚未同步任何页面。</translation>
    </message>
    <message>
        <source>Now showing: “%1”, page %2 (set by %3 at %4)</source>
        <translation>正在显示：“%1”第 %2 页（%3 于 %4 设置）</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Sitting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Audit log from</source>
        <translation>审计日志起始日期</translation>
    </message>
    <message>
        <source>to</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Attendance report (出席情况)…</source>
        <translation>出席情况报表…</translation>
    </message>
    <message>
        <source>Agenda booklet (议程)…</source>
        <translation>议程册…</translation>
    </message>
    <message>
        <source>Audit log…</source>
        <translation>审计日志…</translation>
    </message>
    <message>
        <source>Suggestions by state (建议办理情况)…</source>
        <translation>代表建议办理情况…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Roster and delegates</source>
        <translation>名册与代表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>代表证号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>PIN set</source>
        <translation>已设 PIN</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Import roster…</source>
        <translation>导入名册…</translation>
    </message>
    <message>
        <source>A CSV or XLSX file with the columns 代表证号, 姓名, 代表团 (and optionally 单位, 座位号, 证卡号, PIN). A file with any bad row is not imported at all.</source>
        <translation>CSV 或 XLSX 文件，包含 代表证号、姓名、代表团 列（可选 单位、座位号、证卡号、PIN）。只要有一行有误，整个文件都不会导入。</translation>
    </message>
    <message>
        <source>%1 delegates</source>
        <translation>共 %1 名代表</translation>
    </message>
    <message>
        <source>Roster file</source>
        <translation>名册文件</translation>
    </message>
    <message>
        <source>Rosters (*.csv *.xlsx)</source>
        <translation>名册 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Imported %1 rows: %2 new delegates, %3 updated, %4 seats assigned.</source>
        <translation>已导入 %1 行：新增代表 %2 名，更新 %3 名，分配座位 %4 个。</translation>
    </message>
    <message>
        <source>The roster was not imported (nothing was changed): %1 problem(s).</source>
        <translation>名册未导入（未做任何修改）：共 %1 处问题。</translation>
    </message>
</context>
<context>
    <name>SeatsPage</name>
    <message>
        <source>Seats</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Assign delegate…</source>
        <translation>安排代表…</translation>
    </message>
    <message>
        <source>Empty seat</source>
        <translation>清空座位</translation>
    </message>
    <message>
        <source>Choose a seat first.</source>
        <translation>请先选择一个座位。</translation>
    </message>
    <message>
        <source>Assign seat</source>
        <translation>安排座位</translation>
    </message>
    <message>
        <source>Delegate for seat %1</source>
        <translation>%1 号座位的代表</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <source>Session and sittings</source>
        <translation>会议与全体会议</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Sitting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Sign-in opens</source>
        <translation>签到开始</translation>
    </message>
    <message>
        <source>Sign-in closes</source>
        <translation>签到截止</translation>
    </message>
    <message>
        <source>Edit session…</source>
        <translation>编辑会议…</translation>
    </message>
    <message>
        <source>Add sitting…</source>
        <translation>添加全体会议…</translation>
    </message>
    <message>
        <source>Edit sitting…</source>
        <translation>编辑全体会议…</translation>
    </message>
    <message>
        <source>There is no congress session yet.</source>
        <translation>尚无会议。</translation>
    </message>
    <message>
        <source>%1
Venue: %2    Dates: %3    State: %4</source>
        <translation>%1
地点：%2    日期：%3    状态：%4</translation>
    </message>
    <message>
        <source>Edit session</source>
        <translation>编辑会议</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Sitting %1</source>
        <translation>第%1次全体会议</translation>
    </message>
    <message>
        <source>Choose a sitting first.</source>
        <translation>请先选择一次全体会议。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>次序</translation>
    </message>
</context>
<context>
    <name>SuggestionsPage</name>
    <message>
        <source>Suggestions</source>
        <translation>代表建议</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Lead delegate</source>
        <translation>领衔代表</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Choose a suggestion first.</source>
        <translation>请先选择一条建议。</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>交办</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Reason for returning it to the delegate</source>
        <translation>退回理由（代表将看到）</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Stop waiting for co-signers</source>
        <translation>截止附议</translation>
    </message>
    <message>
        <source>Invitations not answered yet expire and the suggestion goes to review with the co-signers who confirmed.</source>
        <translation>尚未答复的附议邀请将失效，建议连同已确认的附议人进入审核。</translation>
    </message>
    <message>
        <source>Assign to a handling unit</source>
        <translation>交办承办单位</translation>
    </message>
    <message>
        <source>Handling unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Lead unit</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>Assisting unit</source>
        <translation>协办单位</translation>
    </message>
    <message>
        <source>Reply to the delegate</source>
        <translation>答复代表</translation>
    </message>
    <message>
        <source>The unit&apos;s answer to the suggestion</source>
        <translation>本单位对该建议的答复</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>发送答复</translation>
    </message>
    <message>
        <source>awaiting co-signers</source>
        <translation>待附议</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>accepted, to assign</source>
        <translation>已立案，待交办</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已交办</translation>
    </message>
    <message>
        <source>replied, awaiting feedback</source>
        <translation>已答复，待反馈</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>handled again</source>
        <translation>重新办理</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>提交建议</translation>
    </message>
    <message>
        <source>co-signing confirmed</source>
        <translation>确认附议</translation>
    </message>
    <message>
        <source>co-signing declined</source>
        <translation>谢绝附议</translation>
    </message>
    <message>
        <source>all co-signers answered</source>
        <translation>附议代表均已答复</translation>
    </message>
    <message>
        <source>co-signing closed</source>
        <translation>截止附议</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>delegate&apos;s feedback</source>
        <translation>代表反馈</translation>
    </message>
    <message>
        <source>invited</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>已谢绝</translation>
    </message>
    <message>
        <source>no answer, closed</source>
        <translation>未答复，已截止</translation>
    </message>
    <message>
        <source>satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>No. {number} {title}</source>
        <translation>第{number}号 {title}</translation>
    </message>
    <message>
        <source>{name} · {state}</source>
        <translation>{name} · {state}</translation>
    </message>
    <message>
        <source>{name} ({state})</source>
        <translation>{name}（{state}）</translation>
    </message>
    <message>
        <source>Co-signers: {names}</source>
        <translation>附议代表：{names}</translation>
    </message>
    <message>
        <source>No co-signers.</source>
        <translation>无附议代表。</translation>
    </message>
    <message>
        <source>Please give the reason for returning it; the delegate will read it.</source>
        <translation>请填写退回理由，代表将看到该理由。</translation>
    </message>
    <message>
        <source>Accepted.</source>
        <translation>已审核通过。</translation>
    </message>
    <message>
        <source>Returned to the delegate.</source>
        <translation>已退回代表。</translation>
    </message>
    <message>
        <source>Co-signing closed; the suggestion is ready for review.</source>
        <translation>已截止附议，该建议可以审核了。</translation>
    </message>
    <message>
        <source>Choose a suggestion and enter the handling unit.</source>
        <translation>请先选择建议并填写承办单位。</translation>
    </message>
    <message>
        <source>Assigned to {unit}.</source>
        <translation>已交办给{unit}。</translation>
    </message>
    <message>
        <source>Write the reply first.</source>
        <translation>请先填写答复内容。</translation>
    </message>
    <message>
        <source>The reply has been sent to the delegate.</source>
        <translation>答复已发送给代表。</translation>
    </message>
</context>
<context>
    <name>TerminalsPage</name>
    <message>
        <source>Terminals</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>座位</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>终端</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>代表</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>OFFLINE</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <source>Documents cached</source>
        <translation>已缓存文件</translation>
    </message>
    <message>
        <source>Unsent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Clock skew (s)</source>
        <translation>时钟偏差（秒）</translation>
    </message>
    <message>
        <source>New enrollment token…</source>
        <translation>生成注册令牌…</translation>
    </message>
    <message>
        <source>%1 terminals, %2 online, %3 offline</source>
        <translation>共 %1 台终端，%2 台在线，%3 台离线</translation>
    </message>
    <message>
        <source>Enrollment token</source>
        <translation>注册令牌</translation>
    </message>
    <message>
        <source>Seat number</source>
        <translation>座位号</translation>
    </message>
    <message>
        <source>Token for seat %1 (shown once, valid until %2):

%3</source>
        <translation>%1 号座位的令牌（只显示一次，有效期至 %2）：

%3</translation>
    </message>
</context>
</TS>
