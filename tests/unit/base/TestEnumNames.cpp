#include "base/EnumNames.h"

#include <QTest>

namespace {
enum class Colour { Red, Green, Blue };
enum class Rank { First = 1, Second, Third };

constexpr EnumNames<Colour, Colour::Blue> colours{"red", "green", "blue"};
constexpr EnumNames<Rank, Rank::Third, Rank::First> ranks{"first", "second", "third"};
} // namespace

// One table spells an enum both ways, so a name read back is the value that was written.
class TestEnumNames : public QObject {
    Q_OBJECT

private slots:
    void namesEachValue()
    {
        QCOMPARE(colours(Colour::Red), QStringLiteral("red"));
        QCOMPARE(colours(Colour::Blue), QStringLiteral("blue"));
        QCOMPARE(ranks(Rank::First), QStringLiteral("first"));
        QCOMPARE(ranks(Rank::Third), QStringLiteral("third"));
    }

    void parsesWhatItWrites()
    {
        for (Colour c : {Colour::Red, Colour::Green, Colour::Blue})
            QCOMPARE(colours.parse(colours(c)), c);
        for (Rank r : {Rank::First, Rank::Second, Rank::Third})
            QCOMPARE(ranks.parse(QByteArrayView(ranks.latin1(r))), r);
    }

    void refusesOtherText()
    {
        QVERIFY(!colours.parse(u"Red"));
        QVERIFY(!colours.parse(u" red"));
        QVERIFY(!colours.parse(u""));
        QVERIFY(!ranks.parse("zeroth"));
        // Bytes compared as bytes: a prefix, a longer text, another byte, Latin-1 text.
        QVERIFY(!colours.parse(QByteArrayView("re")));
        QVERIFY(!colours.parse(QByteArrayView("reds")));
        QVERIFY(!colours.parse(QByteArrayView("rEd")));
        QVERIFY(!colours.parse(QLatin1StringView("r\xe9d")));
        QCOMPARE(colours.parse(QLatin1StringView("green")), Colour::Green);
        QCOMPARE(colours.parse(QUtf8StringView("blue")), Colour::Blue);
    }

    void valueOutsideTheTableHasNoName()
    {
        QCOMPARE(colours(Colour(7)), QString());
        QCOMPARE(ranks(Rank(0)), QString());
    }
};

QTEST_GUILESS_MAIN(TestEnumNames)
#include "TestEnumNames.moc"
