"""姓氏笔画 order (unionportal/strokes.py), the one order of the delegate roster and the printed member roster:
stroke count, then the strokes 横竖撇点折 one by one, then the next character."""

import random

from unionportal.strokes import in_stroke_order, stroke_count, stroke_key, stroke_sequence, surname_of

# Checked by hand, pair by pair, against the rule (counts and sequences in the comments); the surnames
# of each count stand as official lists print them (e.g. 严、苏、杜、李、杨、吴、何、余、汪、沈、宋、张、陆、陈).
HAND_CHECKED = [
    "丁一",  # 2
    "于洋",  # 3: 于 112 < 万 153 < 马 551
    "万里",
    "马林",
    "王芳",  # 4: 王 1121 < 韦 1152 < 尤 1354 < 车 1512 < 毛 3115 < 文 4134 < 方 4153 < 孔 5215 < 邓 5452
    "韦东",
    "尤勇",
    "车明",
    "毛宁",
    "文静",
    "方圆",
    "孔明",
    "邓超",
    "石磊",  # 5: 石 13251 < 龙 13534 < 叶 25112 < 田 25121 < 史 25134 < 白 32511 < 冯 41551 < 司 51251
    "龙飞",
    "叶青",
    "田野",
    "史进",
    "白雪",
    "冯军",
    "司立",
    "邢斌",  # 6: 邢 113252 < 吉 121251 < 毕 153512 < 吕 251251 < 朱 311234 < 任 323121 < 刘 413422 …
    "吉祥",
    "毕升",
    "吕方",
    "朱明",
    "任远",
    "刘一",  # … given names by strokes: 一 (1) < 丽 (7) < 辉 (12), so 刘丽燕 before 刘辉
    "刘丽燕",
    "刘辉",
    "江河",  # 江 441121 < 安 445531 < 许 453112 < 孙 521234 < 阳 522511
    "安然",
    "许诺",
    "孙悦",
    "阳光",
    "严肃",  # 7: 严 1224313 < 苏 1225344 < 杜 1234121 < 李 1234521 (竖钩 is 竖) < 杨 1234533
    "苏醒",
    "杜甫",
    "李白",
    "杨柳",
    "吴刚",  # 吴 2511134 < 何 3212512 < 余 3411234 < 汪 4411121 < 沈 4414535 < 宋 4451234
    "何平",
    "余华",
    "汪洋",
    "沈从",
    "宋江",
    "张伟",  # 张 5153154 < 陆 5211252 < 陈 5215234
    "陆游",
    "陈刚",
    "林立",  # 8: 林 12341234 < 欧 13453534 (欧明, then 欧阳修: a 复姓 after every 欧) < 金 34112431 < 周 35121251
    "欧明",
    "欧阳修",
    "金山",
    "周正",
    "赵强",  # 9: 赵 121213434 < 胡 122513511 < 姜 431121531
    "胡适",
    "姜维",
    "秦朗",  # 10: 秦 1113431234 < 袁 1212513534 < 徐 3323411234 < 高 4125125251
    "袁枚",
    "徐静",
    "高山",
    "黄敏",  # 11: 黄 12212512134 < 曹 12512212511 < 梁 44153441234
    "曹操",
    "梁山",
    "彭湃",  # 12: 彭 121251… < 董 122312… < 蒋 122412… < 谢 453251…
    "董洁",
    "蒋勤",
    "谢娜",
    "魏征",  # 17
]


def ordered(*names):
    return in_stroke_order(names, name=lambda name: name)


def test_names_checked_by_hand_come_in_official_order_from_any_order():
    assert len(HAND_CHECKED) >= 40
    shuffled = HAND_CHECKED[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert ordered(*shuffled) == HAND_CHECKED


def test_the_cases_reported_wrong():
    assert ordered("陈一", "陆一", "张一") == ["张一", "陆一", "陈一"]
    assert ordered("杜一", "李一", "苏一", "杨一") == ["苏一", "杜一", "李一", "杨一"]
    assert ordered("任一", "朱一") == ["朱一", "任一"]
    assert ordered("刘辉", "刘丽燕") == ["刘丽燕", "刘辉"]


def test_fewer_surname_strokes_come_first():
    # 丁 2 strokes, 王 4, 张 7, 黄 11
    assert ordered("黄敏", "张伟", "王芳", "丁磊") == ["丁磊", "王芳", "张伟", "黄敏"]


def test_equal_counts_follow_the_strokes_heng_shu_pie_dian_zhe():
    # five strokes each: 石 横, 田 竖, 白 撇, 冯 点, 司 折 (not the code point order 冯 司 田 白 石)
    assert ordered("司立", "冯军", "白雪", "田野", "石磊") == ["石磊", "田野", "白雪", "冯军", "司立"]


def test_stroke_classes_follow_the_standard():
    # 提 counts as 横 (扌 in 打), 竖钩 as 竖 (小), 捺 as 点 (人), every bent stroke as 折 (乙, 了)
    assert stroke_sequence("打") == "12112" and stroke_sequence("小") == "234"
    assert stroke_sequence("人") == "34" and stroke_sequence("乙") == "5" and stroke_sequence("了") == "52"


def test_same_surname_is_ordered_by_the_given_name_strokes_not_pinyin():
    assert ordered("王五", "王二", "王安") == ["王二", "王五", "王安"]
    assert ordered("王芳", "王方") == ["王方", "王芳"]  # 方 4 strokes, 芳 7
    assert ordered("王一平", "王一") == ["王一", "王一平"]


def test_a_character_of_unknown_sequence_follows_the_known_ones_of_its_count():
    assert stroke_count("丗") == 5 and stroke_sequence("丗") is None
    assert ordered("丗某", "司立", "石磊") == ["石磊", "司立", "丗某"]


def test_compound_surnames_keep_people_of_one_surname_together():
    assert surname_of("欧阳修") == "欧阳" and surname_of("司马光") == "司马" and surname_of("欧阳") == "欧"
    assert ordered("欧阳修", "欧明", "林立", "司马光", "司立") == ["司立", "司马光", "林立", "欧明", "欧阳修"]


def test_names_without_stroke_counts_come_last():
    assert stroke_count("㐀") is None and stroke_count("A") is None
    assert ordered("㐀某", "Bob", "龘某", "籍贯", "anna") == ["籍贯", "龘某", "anna", "Bob", "㐀某"]


def test_table_counts_of_common_surnames_and_rare_characters():
    assert {char: stroke_count(char) for char in "丁王李张陈刘黄魏乌范龘"} == {
        "丁": 2, "王": 4, "李": 7, "张": 7, "陈": 7, "刘": 6, "黄": 11, "魏": 17, "乌": 4, "范": 8, "龘": 48,
    }  # fmt: skip


def test_every_sequence_has_as_many_strokes_as_the_count():
    from unionportal.strokes import _sequences

    assert len(_sequences()) > 6900
    assert all(len(sequence) == stroke_count(char) for char, sequence in _sequences().items())


def test_stroke_key_ignores_surrounding_spaces():
    assert stroke_key(" 王芳 ") == stroke_key("王芳")
