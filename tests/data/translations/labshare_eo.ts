<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- SPDX-License-Identifier: GPL-3.0-or-later -->
<!-- A language LabShare does not ship (Esperanto), for tst_translations: two real messages, translated. -->
<TS version="2.1" language="eo" sourcelanguage="en">
<context>
    <name>labshare::app::Invocation</name>
    <message>
        <source>labshare: no such file: %1</source>
        <translation>labshare: ne estas tia dosiero: %1</translation>
    </message>
</context>
<context>
    <name>labshare::topology::PublishSpec</name>
    <message>
        <source>empty publish entry: write &lt;type&gt;/&lt;port&gt;, for example tcp/22</source>
        <translation>malplena publikiga ero: skribu &lt;tipo&gt;/&lt;pordo&gt;, ekzemple tcp/22</translation>
    </message>
</context>
</TS>
