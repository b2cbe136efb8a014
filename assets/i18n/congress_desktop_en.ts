<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgendaScreen</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CosignerPicker</name>
    <message numerus="yes">
        <source>%n co-signer(s) chosen</source>
        <translation>
            <numerusform>%n co-signer chosen</numerusform>
            <numerusform>%n co-signers chosen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsScreen</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MotionsScreen</name>
    <message numerus="yes">
        <source>Co-signed by %n delegate(s): {names}</source>
        <translation>
            <numerusform>Co-signed by %n delegate: {names}</numerusform>
            <numerusform>Co-signed by %n delegates: {names}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message numerus="yes">
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n action waiting to be sent</numerusform>
            <numerusform>%n actions waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCard</name>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n action waiting to be sent</numerusform>
            <numerusform>%n actions waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) waiting to download</source>
        <translation>
            <numerusform>%n file waiting to download</numerusform>
            <numerusform>%n files waiting to download</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ViewerScreen</name>
    <message numerus="yes">
        <source>Searching… found on %n page(s)</source>
        <translation>
            <numerusform>Searching… found on %n page</numerusform>
            <numerusform>Searching… found on %n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found on %n page(s)</source>
        <translation>
            <numerusform>Found on %n page</numerusform>
            <numerusform>Found on %n pages</numerusform>
        </translation>
    </message>
</context>
</TS>
