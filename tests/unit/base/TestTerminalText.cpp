#include "base/TerminalText.h"

#include <QTest>

// Text bound for a terminal: whatever a server or a tenant put in it, it cannot move the cursor,
// retitle the window, clear the screen or reorder what follows it.
class TestTerminalText : public QObject {
    Q_OBJECT

private slots:
    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << QStringLiteral("Acme Corp, naïve ü €") << QStringLiteral("Acme Corp, naïve ü €");
        QTest::newRow("escape sequence") << QStringLiteral("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
        QTest::newRow("title") << QStringLiteral("\x1b]0;owned\x07") << QStringLiteral("\\x1b]0;owned\\x07");
        QTest::newRow("nul") << QString(QChar(0)) << QStringLiteral("\\x00");
        QTest::newRow("tab and breaks") << QStringLiteral("a\tb\nc\rd") << QStringLiteral("a\\x09b\\x0ac\\x0dd");
        QTest::newRow("del") << QStringLiteral("a\x7f") << QStringLiteral("a\\x7f");
        QTest::newRow("c1 csi") << QStringLiteral("a\u009b2J") << QStringLiteral("a\\x9b2J");
        QTest::newRow("right-to-left override")
            << QStringLiteral("price \u202e10.0") << QStringLiteral("price \\u202e10.0");
        QTest::newRow("embeddings") << QStringLiteral("\u202a\u202b\u202c\u202d")
                                    << QStringLiteral("\\u202a\\u202b\\u202c\\u202d");
        QTest::newRow("isolates") << QStringLiteral("\u2066\u2067\u2068\u2069")
                                  << QStringLiteral("\\u2066\\u2067\\u2068\\u2069");
        QTest::newRow("marks") << QStringLiteral("\u200e\u200f\u061c") << QStringLiteral("\\u200e\\u200f\\u061c");
        QTest::newRow("line separators") << QStringLiteral("a\u2028b\u2029") << QStringLiteral("a\\u2028b\\u2029");
        QTest::newRow("emoji") << QStringLiteral("ok \U0001F600") << QStringLiteral("ok \U0001F600");
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(TerminalText::escaped(text), shown);
    }

    void keepsLineBreaksWhenAsked()
    {
        QCOMPARE(TerminalText::escapedLines(QStringLiteral("ERROR: bad \x1b[2J\nDETAIL: \u202eX\r")),
                 QStringLiteral("ERROR: bad \\x1b[2J\nDETAIL: \\u202eX\\x0d"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "TestTerminalText.moc"
