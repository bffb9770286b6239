#pragma once

#include <QAnyStringView>
#include <QLatin1StringView>
#include <QString>

#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string_view>

// The names of an enum's values, written once as a table in the order of the values and read
// both ways (a value's name, the value a name stands for): how TenantDesk spells an enum for the
// catalog, the command line, JSON and messages. The values from First to Last must count up by
// one; a table that does not name each of them does not compile. Names are ASCII.
//
//   constexpr EnumNames<ShardState, ShardState::Retired> names{"active", "draining", "retired"};
//   names(ShardState::Draining) == u"draining";  names.parse("retired") == ShardState::Retired
template <typename Enum, Enum Last, Enum First = Enum(0)>
class EnumNames {
public:
    static constexpr std::size_t Count = std::size_t(Last) - std::size_t(First) + 1;

    template <typename... Names>
    constexpr EnumNames(Names... names)
        : m_names{names...}
    {
        static_assert(sizeof...(Names) == Count, "name every value from First to Last, in order");
    }

    // The name of value; empty outside First..Last.
    QString operator()(Enum value) const { return QString::fromLatin1(latin1(value)); }
    const char* latin1(Enum value) const
    {
        const std::size_t i = std::size_t(value) - std::size_t(First);
        return i < Count ? m_names[i].data() : ""; // names are literals: NUL-terminated
    }
    // The value named text (compared exactly), or nullopt.
    std::optional<Enum> parse(QAnyStringView text) const
    {
        for (std::size_t i = 0; i < Count; ++i) {
            if (names(text, m_names[i]))
                return Enum(i + std::size_t(First));
        }
        return std::nullopt;
    }

private:
    static bool names(QAnyStringView text, std::string_view name)
    {
        // Text of one byte a character (UTF-8, Latin-1) is compared byte for byte, the names being
        // ASCII: the catalog's rows are parsed by the hundred thousand, and QAnyStringView's
        // general comparison costs several times more.
        if (text.size_bytes() == text.size())
            return text.size() == qsizetype(name.size()) && std::memcmp(text.data(), name.data(), name.size()) == 0;
        return QAnyStringView::equal(text, QLatin1StringView(name.data(), qsizetype(name.size())));
    }

    std::array<std::string_view, Count> m_names;
};
