#include "base/CatalogInput.h"

#include <QTest>

class TestCatalogInput : public QObject {
    Q_OBJECT

private slots:
    void acceptsOrdinaryText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("ASCII with punctuation") << QStringLiteral("acme.example.com:8443/x?y=1&z='q'; \"quoted\"");
        QTest::newRow("accents") << QStringLiteral("Café Zürich – Ærøskøbing");
        QTest::newRow("CJK") << QStringLiteral("株式会社");
        QTest::newRow("emoji, a surrogate pair") << QStringLiteral("shop 🛒");
        QTest::newRow("right-to-left letters") << QStringLiteral("שלום");
    }

    void acceptsOrdinaryText()
    {
        QFETCH(QString, text);
        QCOMPARE(CatalogInput::problem(text), QString());
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("NUL") << QString(QChar(u'\0'))
                             << QStringLiteral("contains a control character (U+0000) at position 1");
        QTest::newRow("tab") << QStringLiteral("a\tb")
                             << QStringLiteral("contains a control character (U+0009) at position 2");
        QTest::newRow("DEL") << QStringLiteral("ab\u007f")
                             << QStringLiteral("contains a control character (U+007F) at position 3");
        QTest::newRow("C1 control") << QStringLiteral("\u0085") << QStringLiteral("control character (U+0085)");
        QTest::newRow("zero-width space")
            << QStringLiteral("a\u200bb") << QStringLiteral("contains an invisible character (U+200B) at position 2");
        QTest::newRow("zero-width joiner")
            << QStringLiteral("a\u200db") << QStringLiteral("invisible character (U+200D)");
        QTest::newRow("right-to-left override")
            << QStringLiteral("\u202eabc") << QStringLiteral("invisible character (U+202E)");
        QTest::newRow("byte order mark") << QStringLiteral("\ufeffabc")
                                         << QStringLiteral("invisible character (U+FEFF)");
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QStringLiteral("invisible character (U+2028)");
        QTest::newRow("tag character, outside the BMP")
            << QStringLiteral("a\U000E0041") << QStringLiteral("invisible character (U+E0041) at position 2");
        QTest::newRow("undecodable byte")
            << QString::fromUtf8("ab\xff")
            << QStringLiteral("is not valid UTF-8 (the character at position 3 did not decode)");
        QTest::newRow("truncated sequence") << QString::fromUtf8("ab\xe2\x82") << QStringLiteral("is not valid UTF-8");
        QTest::newRow("lone high surrogate")
            << QString(QChar(char16_t(0xD83D))) + u'x' << QStringLiteral("is not valid UTF-8");
        QTest::newRow("lone low surrogate") << QString(QChar(char16_t(0xDC00))) << QStringLiteral("is not valid UTF-8");
    }

    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString problem = CatalogInput::problem(text);
        QVERIFY2(problem.contains(expected), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestCatalogInput)
#include "TestCatalogInput.moc"
