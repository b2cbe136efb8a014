<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgendaScreen</name>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Documents for this item</source>
        <translation>本议程的会议文件</translation>
    </message>
    <message>
        <source>{position}. {title}</source>
        <translation>{position}. {title}</translation>
    </message>
    <message>
        <source>Presented by {presenter}</source>
        <translation>报告人：{presenter}</translation>
    </message>
    <message>
        <source>The agenda has not been published yet.</source>
        <translation>议程尚未发布。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>No documents for this item.</source>
        <translation>本议程暂无会议文件。</translation>
    </message>
</context>
<context>
    <name>AnnotationToolbar</name>
    <message>
        <source>／ Pen</source>
        <translation>／ 画笔</translation>
    </message>
    <message>
        <source>▌ Highlighter</source>
        <translation>▌ 荧光笔</translation>
    </message>
    <message>
        <source>▤ Text note</source>
        <translation>▤ 文字批注</translation>
    </message>
    <message>
        <source>✖ Eraser</source>
        <translation>✖ 橡皮擦</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>My notes ({count}), {unplaced} unplaced</source>
        <translation>我的批注（{count}），{unplaced} 条待归位</translation>
    </message>
    <message>
        <source>My notes ({count})</source>
        <translation>我的批注（{count}）</translation>
    </message>
</context>
<context>
    <name>ChangesBanner</name>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>What changed in version {new} (replacing version {old})</source>
        <translation>第 {new} 版的修改内容（替换第 {old} 版）</translation>
    </message>
    <message>
        <source>The text is the same as in the previous version.</source>
        <translation>文字内容与上一版相同。</translation>
    </message>
    <message>
        <source>{added} lines added, {removed} removed; changed pages: {pages}</source>
        <translation>新增 {added} 行，删除 {removed} 行；有修改的页：第 {pages} 页</translation>
    </message>
    <message>
        <source>Page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>{where}: “{old}” → “{new}”</source>
        <translation>{where}：“{old}”改为“{new}”</translation>
    </message>
    <message>
        <source>{where}: added “{new}”</source>
        <translation>{where}：新增“{new}”</translation>
    </message>
    <message>
        <source>{where}: removed “{old}”</source>
        <translation>{where}：删除“{old}”</translation>
    </message>
</context>
<context>
    <name>CosignerPicker</name>
    <message>
        <source>{delegation} · No. {number} · {unit}</source>
        <translation>{delegation} · 代表证号 {number} · {unit}</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>已选</translation>
    </message>
    <message>
        <source>No delegate matches your search.</source>
        <translation>没有符合条件的代表。</translation>
    </message>
    <message numerus="yes">
        <source>%n co-signer(s) chosen</source>
        <translation>
            <numerusform>已选 %n 位附议代表</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose co-signers</source>
        <translation>选择附议代表</translation>
    </message>
    <message>
        <source>Search by name, number, delegation or unit</source>
        <translation>按姓名、代表证号、代表团或单位搜索</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>CrashPanel</name>
    <message>
        <source>The terminal needs to restart</source>
        <translation>终端需要重新启动</translation>
    </message>
    <message>
        <source>Something went wrong on this terminal. Everything you entered is saved. Tap the button to restart; you will return to where you were.</source>
        <translation>本终端出现了一个问题。您输入的内容都已保存。请点击下面的按钮重新启动，启动后将回到您刚才的位置。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message>
        <source>Documents</source>
        <translation>会议文件</translation>
    </message>
    <message>
        <source>{ready} of {total} documents are ready on this terminal.</source>
        <translation>共 {total} 份文件，本终端已就绪 {ready} 份。</translation>
    </message>
    <message>
        <source>No documents have been published yet.</source>
        <translation>尚未发布会议文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>Agenda item {position}</source>
        <translation>议程第{position}项</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>已就绪</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>下载中</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Current agenda item</source>
        <translation>当前议程</translation>
    </message>
    <message>
        <source>My sign-in</source>
        <translation>我的签到</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Open notices</source>
        <translation>查看通知</translation>
    </message>
    <message>
        <source>Documents for this item</source>
        <translation>本议程的会议文件</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>会议文件</translation>
    </message>
    <message>
        <source>Motions</source>
        <translation>议案</translation>
    </message>
    <message>
        <source>Submit a suggestion</source>
        <translation>提出建议</translation>
    </message>
    <message>
        <source>Welcome, {name}</source>
        <translation>{name}代表，您好</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>The sitting has not started yet</source>
        <translation>会议尚未开始</translation>
    </message>
    <message>
        <source>Item {position}: {title}</source>
        <translation>第{position}项：{title}</translation>
    </message>
    <message>
        <source>Presented by {presenter}</source>
        <translation>报告人：{presenter}</translation>
    </message>
    <message>
        <source>Latest: {title}</source>
        <translation>最新：{title}</translation>
    </message>
    <message>
        <source>No notices yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>No documents for this item.</source>
        <translation>本议程暂无会议文件。</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>Signed in at {time}</source>
        <translation>已于 {time} 签到</translation>
    </message>
    <message>
        <source>Not accepted by the server</source>
        <translation>大会未接受</translation>
    </message>
    <message>
        <source>{reason} You are not counted as present yet.</source>
        <translation>{reason}您尚未计入出席。</translation>
    </message>
    <message>
        <source>Confirmed by the server</source>
        <translation>大会已确认</translation>
    </message>
    <message>
        <source>Saved on this terminal</source>
        <translation>已保存在本终端</translation>
    </message>
    <message>
        <source>It will be sent to the secretariat automatically.</source>
        <translation>将自动发送至大会秘书处。</translation>
    </message>
</context>
<context>
    <name>InvitationsList</name>
    <message>
        <source>From {name} · {number} · {category}</source>
        <translation>{name} 提出 · {number} · {category}</translation>
    </message>
    <message>
        <source>No delegate has invited you to co-sign yet.</source>
        <translation>暂无附议邀请。</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>未被接受</translation>
    </message>
    <message>
        <source>Not yet sent</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Please answer</source>
        <translation>请答复</translation>
    </message>
    <message>
        <source>{name} invites you to co-sign · {category}</source>
        <translation>{name} 邀请您附议 · {category}</translation>
    </message>
    <message>
        <source>The server did not accept your answer: {reason}</source>
        <translation>服务器未接受您的答复：{reason}</translation>
    </message>
    <message>
        <source>The secretariat closed co-signing before you answered; the suggestion went on without your signature.</source>
        <translation>秘书处已截止附议，您未作答复，该建议将不含您的附议继续办理。</translation>
    </message>
    <message>
        <source>You answered: {answer}.</source>
        <translation>您的答复：{answer}。</translation>
    </message>
    <message>
        <source>This suggestion no longer takes co-signers.</source>
        <translation>该建议已不再征集附议。</translation>
    </message>
    <message>
        <source>‹ Back to the list</source>
        <translation>‹ 返回列表</translation>
    </message>
    <message>
        <source>Confirm co-signing</source>
        <translation>确认附议</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>谢绝</translation>
    </message>
    <message>
        <source>History and replies</source>
        <translation>办理过程与答复</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Finance and economy</source>
        <translation>财政经济</translation>
    </message>
    <message>
        <source>Agriculture and rural affairs</source>
        <translation>农业农村</translation>
    </message>
    <message>
        <source>Urban development, environment and resources</source>
        <translation>城建环资</translation>
    </message>
    <message>
        <source>Education, science, culture and health</source>
        <translation>教科文卫</translation>
    </message>
    <message>
        <source>Internal affairs and justice</source>
        <translation>内务司法</translation>
    </message>
    <message>
        <source>Social development</source>
        <translation>社会建设</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Awaiting co-signers</source>
        <translation>待附议</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>不予立案</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已立案</translation>
    </message>
    <message>
        <source>Assigned for handling</source>
        <translation>已交办</translation>
    </message>
    <message>
        <source>Replied</source>
        <translation>已答复</translation>
    </message>
    <message>
        <source>Awaiting your feedback</source>
        <translation>待您反馈</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>Being handled again</source>
        <translation>重新办理中</translation>
    </message>
    <message>
        <source>Under follow-up</source>
        <translation>跟踪督办中</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>待进行</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>On the agenda</source>
        <translation>已列入议程</translation>
    </message>
    <message>
        <source>Handled as a suggestion</source>
        <translation>已转为建议</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>公开</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>内部</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>秘密</translation>
    </message>
    <message>
        <source>No number yet</source>
        <translation>待编号</translation>
    </message>
    <message>
        <source>No. {number}</source>
        <translation>第{number}号</translation>
    </message>
    <message>
        <source>Awaiting answer</source>
        <translation>待答复</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已谢绝</translation>
    </message>
    <message>
        <source>Closed before an answer</source>
        <translation>未答复，已截止</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Basically satisfied</source>
        <translation>基本满意</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Co-signing confirmed</source>
        <translation>确认附议</translation>
    </message>
    <message>
        <source>Co-signing declined</source>
        <translation>谢绝附议</translation>
    </message>
    <message>
        <source>All co-signers answered; sent for review</source>
        <translation>附议代表均已答复，进入审核</translation>
    </message>
    <message>
        <source>Co-signing closed by the secretariat; sent for review</source>
        <translation>秘书处截止附议，已提交审核</translation>
    </message>
    <message>
        <source>Accepted by the secretariat</source>
        <translation>秘书处审核通过</translation>
    </message>
    <message>
        <source>Returned by the secretariat</source>
        <translation>秘书处退回</translation>
    </message>
    <message>
        <source>Assigned to a handling unit</source>
        <translation>交办承办单位</translation>
    </message>
    <message>
        <source>Reply from the handling unit</source>
        <translation>承办单位答复</translation>
    </message>
    <message>
        <source>Feedback on the reply</source>
        <translation>代表反馈</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The server cannot be reached. Your action is saved on this terminal and will be sent automatically.</source>
        <translation>暂时无法连接大会服务器。您的操作已保存在本终端，网络恢复后将自动发送。</translation>
    </message>
    <message>
        <source>This terminal is not accepted by the server. Please call a technician.</source>
        <translation>本终端未通过服务器验证，请联系技术人员。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Sign-in is locked; please ask the secretariat staff.</source>
        <translation>PIN 码错误次数过多，签到已锁定，请联系大会秘书处工作人员。</translation>
    </message>
    <message>
        <source>Some information is missing or not valid. Please check and try again.</source>
        <translation>部分信息缺失或不符合要求，请检查后重试。</translation>
    </message>
    <message>
        <source>This was changed elsewhere in the meantime. Please look again.</source>
        <translation>该内容已在其他地方更新，请重新查看。</translation>
    </message>
    <message>
        <source>This item is no longer available on this terminal.</source>
        <translation>该内容在本终端上已不可用。</translation>
    </message>
    <message>
        <source>This document cannot be opened on this terminal. A fresh copy will be downloaded; please ask the staff if this persists.</source>
        <translation>本终端无法打开此文件，系统将重新下载；如问题仍然存在，请联系工作人员。</translation>
    </message>
    <message>
        <source>This terminal is out of storage space. Please call a technician.</source>
        <translation>本终端存储空间不足，请联系技术人员。</translation>
    </message>
    <message>
        <source>This terminal has not been set up for a seat yet. Please call a technician.</source>
        <translation>本终端尚未绑定座位，请联系技术人员。</translation>
    </message>
    <message>
        <source>Something went wrong on this terminal. Your work is saved. If this happens again, please call a technician.</source>
        <translation>本终端出现了一个问题，您的内容已保存。如再次出现，请联系技术人员。</translation>
    </message>
    <message>
        <source>The server did not accept this.</source>
        <translation>服务器未接受此操作。</translation>
    </message>
    <message>
        <source>The terminal sent something the server could not read. Please call a technician.</source>
        <translation>终端发送的内容服务器无法识别，请联系技术人员。</translation>
    </message>
    <message>
        <source>The server does not support this yet. Please call a technician.</source>
        <translation>服务器暂不支持此操作，请联系技术人员。</translation>
    </message>
    <message>
        <source>No delegate is assigned to this seat. Please ask the secretariat staff.</source>
        <translation>本座位未安排代表，请联系秘书处工作人员。</translation>
    </message>
    <message>
        <source>You are not assigned to this seat. Please ask the secretariat staff.</source>
        <translation>您未被安排在本座位，请联系秘书处工作人员。</translation>
    </message>
    <message>
        <source>This sign-in can only be made by the secretariat staff.</source>
        <translation>此类签到只能由秘书处工作人员办理。</translation>
    </message>
    <message>
        <source>This sitting no longer exists. Please ask the secretariat staff.</source>
        <translation>该场次已不存在，请联系秘书处工作人员。</translation>
    </message>
    <message>
        <source>No congress session is open for suggestions.</source>
        <translation>当前没有可提交建议的会议。</translation>
    </message>
    <message>
        <source>This clashed with another record on the server. Please do it again.</source>
        <translation>与服务器上的另一条记录冲突，请重新操作。</translation>
    </message>
    <message>
        <source>This item no longer exists on the server.</source>
        <translation>该内容在服务器上已不存在。</translation>
    </message>
    <message>
        <source>The title is empty.</source>
        <translation>标题为空。</translation>
    </message>
    <message>
        <source>A co-signer was chosen twice.</source>
        <translation>同一位附议代表被选择了两次。</translation>
    </message>
    <message>
        <source>You cannot co-sign your own suggestion.</source>
        <translation>不能附议自己领衔的建议。</translation>
    </message>
    <message>
        <source>One of the chosen co-signers is not a delegate of this session.</source>
        <translation>所选附议人中有人不是本次会议的代表。</translation>
    </message>
    <message>
        <source>You were not invited to co-sign this suggestion.</source>
        <translation>您未被邀请附议该建议。</translation>
    </message>
    <message>
        <source>You had already answered this invitation.</source>
        <translation>您此前已答复过该邀请。</translation>
    </message>
    <message>
        <source>This suggestion is no longer open for co-signing.</source>
        <translation>该建议已不再接受附议。</translation>
    </message>
    <message>
        <source>Only the suggestion&apos;s author can give feedback on the reply.</source>
        <translation>只有领衔代表可以对答复进行反馈。</translation>
    </message>
    <message>
        <source>Feedback can be given only after a reply.</source>
        <translation>收到答复后才能反馈。</translation>
    </message>
    <message>
        <source>This note is too large to be saved on the server.</source>
        <translation>该批注过大，无法保存到服务器。</translation>
    </message>
    <message>
        <source>This note belongs to another delegate.</source>
        <translation>该批注属于其他代表。</translation>
    </message>
</context>
<context>
    <name>MotionsScreen</name>
    <message>
        <source>Motions</source>
        <translation>议案</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Grounds</source>
        <translation>案据</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Motion No. {number} · led by {name}</source>
        <translation>第{number}号议案 · 领衔代表：{name}</translation>
    </message>
    <message>
        <source>No motions yet.</source>
        <translation>暂无议案。</translation>
    </message>
    <message>
        <source>Motion No. {number}</source>
        <translation>第{number}号议案</translation>
    </message>
    <message>
        <source>Lead delegate: {name}</source>
        <translation>领衔代表：{name}</translation>
    </message>
    <message numerus="yes">
        <source>Co-signed by %n delegate(s): {names}</source>
        <translation>
            <numerusform>附议代表（%n 人）：{names}</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Open document: {title}</source>
        <translation>打开文件：{title}</translation>
    </message>
    <message>
        <source>Its document is not on this terminal yet.</source>
        <translation>该议案的文件尚未下载到本终端。</translation>
    </message>
    <message>
        <source>The document is still downloading.</source>
        <translation>文件仍在下载中。</translation>
    </message>
</context>
<context>
    <name>MySuggestionsList</name>
    <message>
        <source>You have not submitted any suggestions yet.</source>
        <translation>您还没有提出建议。</translation>
    </message>
    <message>
        <source>Not yet sent</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>{number} · {category} · submitted {time}</source>
        <translation>{number} · {category} · 提交于 {time}</translation>
    </message>
    <message>
        <source>Returned by the secretariat. Tap to read the reason.</source>
        <translation>已被秘书处退回。点按查看原因。</translation>
    </message>
    <message>
        <source>Not accepted: {reason}</source>
        <translation>不予立案：{reason}</translation>
    </message>
    <message>
        <source>A reply has arrived: tap to read it and give your feedback.</source>
        <translation>已收到答复：点按查看并反馈意见。</translation>
    </message>
    <message>
        <source>Received by the secretariat. Tap to follow its progress.</source>
        <translation>秘书处已收到。点按查看办理进度。</translation>
    </message>
    <message>
        <source>Saved on this terminal; it will be sent as soon as the network allows.</source>
        <translation>已保存在本终端，网络可用时将自动发送。</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Note on page {page}</source>
        <translation>第 {page} 页的批注</translation>
    </message>
    <message>
        <source>Write your note here. It is saved as you type.</source>
        <translation>在此书写批注，输入时自动保存。</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除批注</translation>
    </message>
</context>
<context>
    <name>NotesList</name>
    <message>
        <source>Notes in this document</source>
        <translation>本文件中的批注</translation>
    </message>
    <message>
        <source>Unplaced notes</source>
        <translation>待归位的批注</translation>
    </message>
    <message>
        <source>The text these notes were attached to is not in the new version of the document. They are kept here.</source>
        <translation>这些批注所对应的文字在新版文件中已不存在，批注保留在这里。</translation>
    </message>
    <message>
        <source>Put on this page</source>
        <translation>放到本页</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Page {page} · {kind}</source>
        <translation>第 {page} 页 · {kind}</translation>
    </message>
</context>
<context>
    <name>NoticesScreen</name>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Tap a notice to read it.</source>
        <translation>点击一条通知即可查看。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>No notices yet.</source>
        <translation>暂无通知。</translation>
    </message>
    <message>
        <source>Published {time}</source>
        <translation>发布于 {time}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
</context>
<context>
    <name>SetupNeededWindow</name>
    <message>
        <source>Delegate terminal</source>
        <translation>代表终端</translation>
    </message>
    <message>
        <source>This terminal is not ready yet</source>
        <translation>本终端尚未就绪</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Enter your PIN</source>
        <translation>请输入您的 PIN 码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>If this is not you, or you forgot your PIN, please ask the staff.</source>
        <translation>如非本人座位或忘记 PIN 码，请联系工作人员。</translation>
    </message>
    <message>
        <source>Congress</source>
        <translation>人民代表大会</translation>
    </message>
    <message>
        <source>Seat {number}</source>
        <translation>{number} 号座位</translation>
    </message>
    <message>
        <source>No delegate assigned</source>
        <translation>本座位暂无代表</translation>
    </message>
    <message>
        <source>This seat has no delegate yet. The list arrives with the next sync.</source>
        <translation>本座位尚未分配代表，代表名单将在下次同步时更新。</translation>
    </message>
    <message>
        <source>Delegate No. {number}</source>
        <translation>代表证号：{number}</translation>
    </message>
    <message>
        <source>This badge does not belong to the delegate at this seat.</source>
        <translation>此代表证不属于本座位的代表。</translation>
    </message>
    <message>
        <source>No delegate is assigned to this seat.</source>
        <translation>本座位尚未分配代表。</translation>
    </message>
    <message>
        <source>No sitting is scheduled yet, so sign-in is not open.</source>
        <translation>目前没有安排会议，暂不能签到。</translation>
    </message>
    <message>
        <source>Please enter your PIN first.</source>
        <translation>请先输入 PIN 码。</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Sign-in is locked; please ask the secretariat staff.</source>
        <translation>PIN 码错误次数过多，签到已锁定，请联系大会秘书处工作人员。</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>PIN 码错误，还可尝试 %n 次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>● Offline</source>
        <translation>● 离线</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>最近同步 {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项操作待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Documents {cached}/{total} on this terminal</source>
        <translation>文件已缓存 {cached}/{total}</translation>
    </message>
    <message>
        <source>Sign-in not accepted by the server</source>
        <translation>签到未被大会接受</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>未签到</translation>
    </message>
    <message>
        <source>Sign-in confirmed by the server</source>
        <translation>签到已确认</translation>
    </message>
    <message>
        <source>Signed in · waiting for the server</source>
        <translation>已签到 · 等待大会确认</translation>
    </message>
</context>
<context>
    <name>SuggestionDetailPanel</name>
    <message>
        <source>Not yet sent</source>
        <translation>尚未发送</translation>
    </message>
    <message>
        <source>{number} · {category} · submitted {time}</source>
        <translation>{number} · {category} · 提交于 {time}</translation>
    </message>
    <message>
        <source>{name}: {state}</source>
        <translation>{name}：{state}</translation>
    </message>
    <message>
        <source>No co-signers.</source>
        <translation>无附议代表。</translation>
    </message>
    <message>
        <source>The history appears once the server has received the suggestion.</source>
        <translation>服务器收到建议后，这里将显示办理过程。</translation>
    </message>
    <message>
        <source>{time} · {what}</source>
        <translation>{time} · {what}</translation>
    </message>
    <message>
        <source> · {actor}</source>
        <translation> · {actor}</translation>
    </message>
    <message>
        <source>Saved on this terminal; not yet sent.</source>
        <translation>已保存在本终端，尚未发送。</translation>
    </message>
    <message>
        <source>The server did not accept your feedback: {reason}</source>
        <translation>服务器未接受您的反馈：{reason}</translation>
    </message>
    <message>
        <source>Please choose how satisfied you are with the reply.</source>
        <translation>请选择您对答复的满意程度。</translation>
    </message>
    <message>
        <source>The comment is too long (at most {n} characters).</source>
        <translation>意见过长（最多 {n} 个字）。</translation>
    </message>
    <message>
        <source>‹ Back to the list</source>
        <translation>‹ 返回列表</translation>
    </message>
    <message>
        <source>Co-signers</source>
        <translation>附议代表</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <source>Your feedback on the reply</source>
        <translation>对答复的反馈</translation>
    </message>
    <message>
        <source>How satisfied are you with how your suggestion was handled?</source>
        <translation>您对建议的办理结果是否满意？</translation>
    </message>
    <message>
        <source>Comments (optional)</source>
        <translation>意见（可选）</translation>
    </message>
    <message>
        <source>Send feedback</source>
        <translation>提交反馈</translation>
    </message>
</context>
<context>
    <name>SuggestionForm</name>
    <message>
        <source>Draft saved at {time}</source>
        <translation>草稿已于 {time} 自动保存</translation>
    </message>
    <message>
        <source>Your unfinished draft has been restored.</source>
        <translation>已恢复您未完成的草稿。</translation>
    </message>
    <message>
        <source>Your suggestion has been saved and will be sent to the secretariat. You can follow it under My suggestions.</source>
        <translation>您的建议已保存，将发送至大会秘书处。可在“我的建议”中查看办理情况。</translation>
    </message>
    <message>
        <source>Please sign in before submitting a suggestion.</source>
        <translation>请先签到，再提出建议。</translation>
    </message>
    <message>
        <source>Please choose a category.</source>
        <translation>请选择建议类别。</translation>
    </message>
    <message>
        <source>Please enter a title.</source>
        <translation>请填写建议标题。</translation>
    </message>
    <message>
        <source>Please write the content of your suggestion.</source>
        <translation>请填写建议内容。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Change co-signers…</source>
        <translation>修改附议代表…</translation>
    </message>
    <message>
        <source>None. Co-signers confirm on their own terminals.</source>
        <translation>暂无。附议代表将在各自的终端上确认。</translation>
    </message>
    <message>
        <source>Add co-signers…</source>
        <translation>添加附议代表…</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>A short title for your suggestion</source>
        <translation>请用一句话概括您的建议</translation>
    </message>
    <message>
        <source>Describe the problem, the reasons and what you propose.</source>
        <translation>请写明存在的问题、理由和具体建议。</translation>
    </message>
    <message>
        <source>Submit suggestion</source>
        <translation>提交建议</translation>
    </message>
    <message>
        <source>Co-signers (optional)</source>
        <translation>附议代表（可选）</translation>
    </message>
</context>
<context>
    <name>SuggestionsScreen</name>
    <message>
        <source>Suggestions</source>
        <translation>代表建议</translation>
    </message>
    <message>
        <source>New suggestion</source>
        <translation>提出建议</translation>
    </message>
    <message>
        <source>My suggestions</source>
        <translation>我的建议</translation>
    </message>
    <message>
        <source>Co-signing invitations ({count})</source>
        <translation>附议邀请（{count}）</translation>
    </message>
    <message>
        <source>Co-signing invitations</source>
        <translation>附议邀请</translation>
    </message>
</context>
<context>
    <name>SyncCard</name>
    <message>
        <source>Sync</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Last sync {time}</source>
        <translation>最近同步 {time}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项操作待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything has been sent</source>
        <translation>所有操作均已发送</translation>
    </message>
    <message>
        <source>Documents cached: {cached} of {total}</source>
        <translation>文件已缓存：{cached}/{total}</translation>
    </message>
    <message>
        <source>Downloads stopped: the disk is full</source>
        <translation>磁盘已满，下载已暂停</translation>
    </message>
    <message>
        <source>Downloading {title}: {done} of {total} MB</source>
        <translation>正在下载《{title}》：{done}/{total} MB</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) waiting to download</source>
        <translation>
            <numerusform>%n 个文件待下载</numerusform>
        </translation>
    </message>
    <message>
        <source>{cached} of {total} MB on this terminal</source>
        <translation>本终端已缓存 {cached}/{total} MB</translation>
    </message>
</context>
<context>
    <name>TechnicianMenu</name>
    <message>
        <source>Server: {server}
Terminal: {terminal}
Seat: {seat}
Data: {data}
Version: {version}</source>
        <translation>服务器：{server}
终端：{terminal}
座位：{seat}
数据目录：{data}
版本：{version}</translation>
    </message>
    <message>
        <source>Technician menu</source>
        <translation>技术人员菜单</translation>
    </message>
    <message>
        <source>Recent log</source>
        <translation>最近日志</translation>
    </message>
    <message>
        <source>Unlock PIN sign-in</source>
        <translation>解除密码签到锁定</translation>
    </message>
    <message>
        <source>Restart terminal</source>
        <translation>重新启动终端</translation>
    </message>
    <message>
        <source>Exit to desktop</source>
        <translation>退出到桌面</translation>
    </message>
    <message>
        <source>Back to the delegate screen</source>
        <translation>返回代表界面</translation>
    </message>
    <message>
        <source>PIN sign-in unlocked for: {names}</source>
        <translation>已解除以下代表的密码签到锁定：{names}</translation>
    </message>
</context>
<context>
    <name>TechnicianPinPanel</name>
    <message>
        <source>Technician</source>
        <translation>技术人员</translation>
    </message>
    <message>
        <source>This is for the technical staff. Delegates, please tap Cancel.</source>
        <translation>此功能仅供技术人员使用。各位代表请点击“取消”。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Wrong technician PIN.</source>
        <translation>技术人员密码错误。</translation>
    </message>
</context>
<context>
    <name>TerminalWindow</name>
    <message>
        <source>Delegate terminal</source>
        <translation>代表终端</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>会议文件</translation>
    </message>
    <message>
        <source>Motions</source>
        <translation>议案</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>代表建议</translation>
    </message>
    <message>
        <source>A+ Large text</source>
        <translation>A+ 大字</translation>
    </message>
    <message>
        <source>Congress</source>
        <translation>人民代表大会</translation>
    </message>
    <message>
        <source>{name} · Seat {seat}</source>
        <translation>{name} · {seat} 号座位</translation>
    </message>
    <message>
        <source>Seat {seat}</source>
        <translation>{seat} 号座位</translation>
    </message>
    <message>
        <source>New notice: {title}</source>
        <translation>新通知：{title}</translation>
    </message>
</context>
<context>
    <name>ViewerScreen</name>
    <message>
        <source>Searching…</source>
        <translation>正在搜索……</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ 返回</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>‹ Previous page</source>
        <translation>‹ 上一页</translation>
    </message>
    <message>
        <source>Next page ›</source>
        <translation>下一页 ›</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Search in this document</source>
        <translation>在本文件中搜索</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <source>Follow presenter</source>
        <translation>同步翻页</translation>
    </message>
    <message>
        <source>Confidential · cannot be exported</source>
        <translation>机密 · 不可导出</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>第 {page} / {total} 页</translation>
    </message>
    <message>
        <source>This document has not reached this terminal yet. It is being downloaded; please try again in a moment.</source>
        <translation>此文件尚未下载到本终端，正在下载中，请稍后再试。</translation>
    </message>
    <message numerus="yes">
        <source>Searching… found on %n page(s)</source>
        <translation>
            <numerusform>正在搜索……已在 %n 页中找到</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found on %n page(s)</source>
        <translation>
            <numerusform>在 %n 页中找到</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found in this document</source>
        <translation>本文件中未找到</translation>
    </message>
    <message>
        <source>Back to the presenter (page {page})</source>
        <translation>回到主讲人页面（第 {page} 页）</translation>
    </message>
    <message>
        <source>{name} · Seat {seat} · {time}</source>
        <translation>{name} · 座位 {seat} · {time}</translation>
    </message>
</context>
</TS>
