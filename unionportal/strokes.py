"""姓氏笔画: the order of names on official printed rosters (代表名册, 打印名册).

As in GB 13000.1 笔画顺序: fewer strokes first; among equal counts the first stroke decides,
横一 竖丨 撇丿 点丶 折乙. The stroke count of every ideograph comes from data/strokes.txt
(made by scripts/make_stroke_table.py); the first stroke is known here only for the common
surnames, so another character follows the known ones of its count, by pinyin. A 复姓 such as
欧阳 is one surname and follows every 欧. People of one surname follow by the pinyin of the given
name, then its strokes. Characters without a count (letters, rare ideographs) come last, by pinyin.
"""

from functools import cache
from pathlib import Path

from pypinyin import lazy_pinyin

TABLE = Path(__file__).resolve().parent / "data" / "strokes.txt"

# The first stroke of the common surnames of the mainland and of the characters of the 复姓 below.
FIRST_STROKES = {
    "横": (
        "丁万于干丰云亓井元区尤戈支木王车韦东厉古左平玉甘石艾龙匡吉巩戎成有朴权毕百西邢严劳吾巫李杜束来杨"
        "甫芦芮花苏豆轩连麦奉幸杭林欧武苑苗苟范茅郁南封政柏查柯柳相胡茹荀荆荣赵郝郦项原夏敖晋桂班秦索耿聂"
        "莫袁贾都顾戚曹梅盛萧黄龚彭惠揭敬斯植粟葛董蒋覃越辜韩楚楼甄蒙蒲蓝裘赖鄢雷靳慕臧蔡蔺赫辕樊燕薄薛霍"
        "戴檀鞠"
    ),
    "竖": "卜上山水冉占卢史叶帅田由申吕师曲吴呈岑时肖里卓呼国尚明易杲罗冒哈战党晁晏柴崔常曼喻景虞路裴墨冀瞿",
    "撇": (
        "人千乌仁仇公勾毛牛长丘丛乐付仝代令包印白乔仲任伊伍伏全华危向年延朱邬但位何佘余佟利狄谷邱邸邹周和"
        "季岳狐竺金侯俞俟信修昝段独皇禹秋郜钟钦钮饶倪卿奚徐徒殷翁钱盘符银傅储嵇智焦程舒鲁简解詹鲍管鲜滕黎"
        "穆衡魏籍"
    ),
    "点": (
        "门亢卞文方计兰冯宁邝关农刘宇安庄江池汤祁米羊衣许闫闭齐况冶冷初宋完宏应怀汪沈沙辛闵冼单宓宗官庞房"
        "於郎郑姜娄宣宫施洪祖祝闻凌唐家容宾席栾浦海涂离诸谈郭高商宿寇康扈梁盖章谌阎鹿麻富普曾温游湛童谢廉"
        "满窦褚阙雍廖漆端谭阚潘颜澹濮"
    ),
    "折": ("刁习卫弓马孔尹巴邓台司母皮边孙牟纪那阮阳阴张迟邵阿陆陈孟孤居屈练经姚胥费贺骆姬展桑陶尉屠逯隆隋强熊缪翟"),
}
FIRST_STROKE = {char: rank for rank, chars in enumerate(FIRST_STROKES.values()) for char in chars}

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 公孙 慕容 令狐 夏侯 尉迟 长孙 宇文 司徒 端木 轩辕 澹台 "
    "宗政 濮阳 呼延 申屠 南宫 钟离 百里 东郭 独孤 西门 闻人 赫连 公冶 万俟".split()
)

UNKNOWN = 10_000  # after any real count, and after the five first strokes


@cache
def _counts():
    counts = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        count, characters = line.split()
        counts.update(dict.fromkeys(characters, int(count)))
    return counts


def stroke_count(char):
    """The number of strokes of one ideograph, or None for any other character."""
    return _counts().get(char)


def surname_of(name):
    """The surname: two characters for a 复姓 (欧阳修 → 欧阳), otherwise the first character."""
    name = name.strip()
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    return name[:1]


def _pinyin(text):
    return "".join(lazy_pinyin(text)).casefold()


def _char_key(char):
    return (stroke_count(char) or UNKNOWN, FIRST_STROKE.get(char, UNKNOWN), _pinyin(char), char)


def stroke_key(name):
    """The sort key of a name in 姓氏笔画 order."""
    name = name.strip()
    surname = surname_of(name)
    given = name[len(surname) :]
    return tuple(map(_char_key, surname)), _pinyin(given), tuple(map(_char_key, given)), name


def in_stroke_order(people, name=lambda person: person.name):
    """The people sorted by 姓氏笔画; ``name`` reads the name from each item."""
    return sorted(people, key=lambda person: stroke_key(name(person)))
