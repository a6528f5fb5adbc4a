// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringView>

namespace ledgerguard::importdetail {

// Files with more elements than this are refused: a statement file of the size limit holds far fewer, and the tree
// of a hostile file made of tiny tags would not fit in memory.
inline constexpr qsizetype kMaxMarkupNodes = 20'000'000;

// An element tree built by the OFX and camt parsers: element names (OFX upper-cased, camt local names without
// namespace), trimmed text, the Ccy attribute camt puts on amounts, the 1-based line and column of the start tag.
// Nodes live in one list and refer to each other by index; node 0 is a synthetic root.
struct MarkupNode
{
    QString name;
    QString text;
    QString ccy;
    int line = 0;
    int column = 0;
    int parent = -1;
    QList<int> children;
    // An SGML element of no text closed by the tag after it (OFX's "<FITID>" left empty, then "<NAME>..."); versions
    // before 2026-12-07 nested the elements after it inside it.
    bool closedEmpty = false;
};

class MarkupTree
{
public:
    MarkupTree() { nodes.append(MarkupNode {}); }

    int add(int parent, QString name, int line, int column)
    {
        MarkupNode n;
        // Element names repeat: share one string per name.
        auto known = m_names.constFind(name);
        if (known == m_names.cend())
            known = m_names.insert(name);
        n.name = *known;
        n.line = line;
        n.column = column;
        n.parent = parent;
        nodes.append(std::move(n));
        const int id = int(nodes.size() - 1);
        nodes[parent].children.append(id);
        return id;
    }

    // The first child of `node` named `name`, or -1.
    int child(int node, QStringView name) const
    {
        if (node < 0)
            return -1;
        for (int c : nodes[node].children)
            if (nodes[c].name == name)
                return c;
        return -1;
    }
    // Follows a '/'-separated path of child names; -1 when a step is missing.
    int path(int node, QStringView path) const
    {
        for (QStringView step : path.split(u'/')) {
            node = child(node, step);
            if (node < 0)
                return -1;
        }
        return node;
    }
    QString text(int node, QStringView p) const
    {
        const int n = path(node, p);
        return n < 0 ? QString() : nodes[n].text;
    }
    QList<int> children(int node, QStringView name) const
    {
        QList<int> out;
        if (node < 0)
            return out;
        for (int c : nodes[node].children)
            if (nodes[c].name == name)
                out.append(c);
        return out;
    }

    QList<MarkupNode> nodes;

private:
    QSet<QString> m_names;
};

} // namespace ledgerguard::importdetail
