//! Open-world discovery: the entities a document names that no catalogue name covers.
//! Parks, companies, government bodies, platforms and events are found by their name
//! endings (科技城, 有限公司, 管委会, 中心, 洽谈会 …), people by the patterns news uses
//! (记者 X, a role before a name, a name before 说/表示, `name:` opening an interview line).
//! Spans are cut where a reader would cut them: no leading verb or preposition, one member
//! of a coordination each, never inside a known name.

use crate::catalogue::Kind;
use crate::extract::DocContext;
use crate::normalize::is_han;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// How sure discovery is of each kind of find (the graph's `confidence` of the node).
pub const CONFIDENCE_SUFFIX: f64 = 0.7;
pub const CONFIDENCE_REGISTERED: f64 = 0.9;
pub const CONFIDENCE_PERSON_PATTERN: f64 = 0.8;

/// A name ending, the kind it gives and the category shown to a reader.
struct Ending {
    suffix: &'static str,
    kind: Kind,
    category: &'static str,
}

const fn ending(suffix: &'static str, kind: Kind, category: &'static str) -> Ending {
    Ending {
        suffix,
        kind,
        category,
    }
}

const COMPANY: &str = "company";
const BODY: &str = "government body";
const INSTITUTION: &str = "institution";

/// Name endings, longest first where one ends another.
const ENDINGS: &[Ending] = &[
    ending("股份有限公司", Kind::Organization, COMPANY),
    ending("有限责任公司", Kind::Organization, COMPANY),
    ending("有限公司", Kind::Organization, COMPANY),
    ending("控股集团", Kind::Organization, COMPANY),
    ending("集团", Kind::Organization, COMPANY),
    ending("管理委员会", Kind::Organization, BODY),
    ending("管委会", Kind::Organization, BODY),
    ending("委员会", Kind::Organization, BODY),
    ending("人民政府", Kind::Organization, BODY),
    ending("政府", Kind::Organization, BODY),
    ending("党工委", Kind::Organization, BODY),
    ending("办公室", Kind::Organization, BODY),
    ending("工作组", Kind::Organization, BODY),
    ending("领导小组", Kind::Organization, BODY),
    ending("工作专班", Kind::Organization, BODY),
    ending("局", Kind::Organization, BODY),
    ending("厅", Kind::Organization, BODY),
    ending("委", Kind::Organization, BODY),
    ending("办", Kind::Organization, BODY),
    ending("部", Kind::Organization, BODY),
    ending("研究院", Kind::Organization, INSTITUTION),
    ending("大学", Kind::Organization, INSTITUTION),
    ending("科技园区", Kind::Park, "park"),
    ending("产业园区", Kind::Park, "park"),
    ending("园区", Kind::Park, "park"),
    ending("科技城", Kind::Park, "park"),
    ending("高新区", Kind::Park, "park"),
    ending("开发区", Kind::Park, "park"),
    ending("示范区", Kind::Park, "park"),
    ending("孵化器", Kind::Park, "incubator"),
    ending("智谷", Kind::Park, "park"),
    ending("基地", Kind::Park, "base"),
    ending("园", Kind::Park, "park"),
    ending("实验室", Kind::Platform, "laboratory"),
    ending("中心", Kind::Platform, "platform"),
    ending("平台", Kind::Platform, "platform"),
    ending("洽谈会", Kind::Event, "meeting"),
    ending("推介会", Kind::Event, "meeting"),
    ending("博览会", Kind::Event, "expo"),
    ending("论坛", Kind::Event, "forum"),
    ending("峰会", Kind::Event, "summit"),
    ending("城", Kind::Park, "park"),
];

/// Registered company forms: the name without them is the short form readers use.
const REGISTERED: &[&str] = &["股份有限公司", "有限责任公司", "有限公司"];

/// Characters a name never contains: function words that end a name read backwards.
const STOP: &str = "的在与及向对把将从为是了等并或以被让使要就也都而且还又更再已着过系日由到于和同经据其该本此这那个位名条批所次";

/// Words that hold a stop character but stand inside names (中国(天津)自由贸易试验区).
const KEEP_WORDS: &[&str] = &[
    "自由",
    "经济",
    "经开",
    "以色列",
    "协同",
    "共同",
    "和改革",
    "和信息化",
    "和社会",
    "和城乡",
    "和国",
    "和科技",
];

/// Words that may directly follow a name that ends in a one-character ending
/// (华望城举行, 教育厅厅长): the ending ends the name there.
const AFTER_ENDING: &[&str] = &[
    "举行", "召开", "揭牌", "签署", "签订", "成立", "举办", "启动", "正式", "位于", "开园", "落地",
    "入驻", "挂牌", "介绍", "表示", "发布", "印发", "联合", "共同", "主要", "相关",
];

/// Words that open a clause, not a name: cut off the front of a span (longest first).
const LEADING: &[&str] = &[
    "高标准高质量建设",
    "研究部署规划建设",
    "加快建设",
    "全面建设",
    "牵头组建",
    "积极创建",
    "着力推进",
    "加快推动",
    "全面抓好",
    "入驻",
    "落户",
    "位于",
    "来自",
    "落实",
    "调研",
    "考察",
    "参观",
    "走进",
    "来到",
    "前往",
    "加快",
    "建设",
    "支持",
    "推动",
    "推进",
    "促进",
    "发挥",
    "依托",
    "共建",
    "搭建",
    "提升",
    "打造",
    "处理好",
    "实行",
    "组建",
    "创建",
    "完善",
    "健全",
    "构建",
    "实施",
    "设立",
    "引导",
    "积极",
    "全面",
    "建立",
    "成立",
    "启动",
    "举办",
    "赴",
    "来",
    "获批",
    "摆脱",
    "可谓",
    "成为",
    "作为",
    "致力于",
    "坐落于",
    "坐落在",
    "实现",
    "开展",
    "吸引",
    "举行",
    "签署",
    "签订",
    "单纯",
    "更加",
    "不断",
    "进一步",
    "大力",
    "今天",
    "目前",
    "当天",
    "随后",
    "此前",
];

/// Endings that make a word no name although it ends in a name ending.
const NOT_NAMES: &[&str] = &[
    "内部", "干部", "部门", "总部", "布局", "格局", "重组", "通办", "全部", "局部", "东部", "西部",
    "南部", "北部", "中部", "外部", "头部", "大局", "开局", "结局", "当局", "公园", "家园", "校园",
    "乐园", "田园", "新城", "县城", "京城", "进城", "常委", "入园", "开园", "建园", "进园", "大厅",
    "展厅", "餐厅", "客厅", "创办", "举办", "主办", "承办", "协办", "开办", "筹办", "督办",
];

/// Words that name nothing on their own: a head (the name before its ending) made only of
/// these is no name (一流创新平台, 产业示范基地, 两市政府, 金融投资中心).
const GENERIC_WORDS: &[&str] = &[
    "该",
    "本",
    "此",
    "这",
    "一流",
    "一",
    "新",
    "各",
    "子",
    "分",
    "总",
    "母",
    "地方",
    "相关",
    "有关",
    "国有",
    "科技",
    "企业",
    "合作",
    "运营",
    "产业",
    "创新",
    "中试",
    "综合性",
    "综合",
    "集成",
    "服务",
    "示范",
    "研发",
    "孵化",
    "技术",
    "国家级",
    "国家",
    "省级",
    "重点",
    "重要",
    "公共",
    "核心",
    "承接",
    "金融",
    "投资",
    "园区",
    "工业",
    "类",
    "第一个",
    "首个",
    "两地",
    "三地",
    "两市",
    "省",
    "市",
    "区",
    "县",
    "两",
    "三",
    "大型",
    "小型",
    "展示",
    "协同",
    "大",
    "二",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "当时",
    "未来",
    "高新技术",
    "高新",
    "之",
    "经济",
    "工程",
    "研究",
    "概念",
    "验证",
    "成果",
    "转化",
    "高水平",
    "科创",
    "高端",
    "先进",
    "现代",
    "新型",
    "特色",
    "专业",
    "数字",
    "智能",
    "绿色",
    "专题",
    "年",
    "联合",
];

/// Heads that name several places' bodies at once (京冀两地政府): no one body.
const SEVERAL: &[&str] = &["两地", "两市", "三地", "三省市", "双方", "各地", "各级"];

/// The generic words that still leave a body named (科技部, 发展改革委): only pronouns,
/// counts and bare administrative levels.
const GENERIC_BODY_WORDS: &[&str] = &[
    "该", "本", "此", "这", "各", "子", "分", "总", "两地", "三地", "两市", "省", "市", "区", "县",
    "两", "三", "专题", "年", "工作",
];

/// Whether `head` is made only of generic words (or nothing); for a body's head, only of
/// the words in [`GENERIC_BODY_WORDS`].
fn generic(head: &str, body: bool) -> bool {
    let words: &[&str] = if body {
        GENERIC_BODY_WORDS
    } else {
        GENERIC_WORDS
    };
    let mut rest = head;
    while !rest.is_empty() {
        match words.iter().find(|w| rest.starts_with(*w)) {
            Some(w) => rest = &rest[w.len()..],
            None => return false,
        }
    }
    true
}

/// Role words before a person's name, longest first; shared with the holds_role rule.
pub const ROLE_WORDS: &[&str] = &[
    "党组副书记",
    "党组书记",
    "党组成员",
    "党工委副书记",
    "党工委书记",
    "党委副书记",
    "党委书记",
    "执行主任",
    "常务副主任",
    "副总经理",
    "总经理",
    "副董事长",
    "董事长",
    "副主任",
    "主任",
    "总书记",
    "副书记",
    "书记",
    "副厅长",
    "厅长",
    "副局长",
    "局长",
    "副校长",
    "校长",
    "副院长",
    "院长",
    "副区长",
    "区长",
    "副县长",
    "县长",
    "副市长",
    "市长",
    "副省长",
    "省长",
    "副部长",
    "部长",
    "主席",
    "总裁",
    "负责人",
    "记者",
];

/// Common Chinese surnames (single character): a person's name found by a pattern must start
/// with one, so a random two- or three-character span is never taken for a name.
const SURNAMES: &str = "习王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝宣扈";

/// Characters that may follow a person's name (verbs of speech, prepositions, conjunctions).
const AFTER_NAME: &str =
    "说表介指在为致对及和与等称告认强透的是也就将已曾主出率一同向带到还则兼任等坦解回谈提建希";

/// Verbs of speech after a name with no role before it (朱亮亮说).
const SPEECH: &[&str] = &["说", "表示", "介绍", "指出", "告诉", "坦言"];

/// A word list indexed by each word's first and last character, so finding which words
/// start (or end) a text at a position looks at the few words sharing that character
/// instead of the whole list. Answers as a scan of the list in order would. The index is a
/// table over the Basic Multilingual Plane (the words' characters are Han and punctuation);
/// a word with a character beyond it is looked at every time.
struct WordIndex {
    words: Vec<&'static str>,
    first: CharTable,
    last: CharTable,
}

/// Word positions grouped by a character: `list[at[c]..at[c + 1]]` for `c` in the BMP.
struct CharTable {
    at: Vec<u32>,
    list: Vec<u32>,
    /// Words whose character is beyond the BMP.
    beyond: Vec<u32>,
}

impl CharTable {
    const SIZE: usize = 0x1_0000;

    fn new(keys: impl Iterator<Item = (usize, char)> + Clone) -> CharTable {
        let mut counts = vec![0u32; Self::SIZE + 1];
        let mut beyond = Vec::new();
        for (i, c) in keys.clone() {
            match usize::try_from(u32::from(c))
                .ok()
                .filter(|&c| c < Self::SIZE)
            {
                Some(c) => counts[c + 1] += 1,
                None => beyond.push(u32::try_from(i).unwrap_or(u32::MAX)),
            }
        }
        for c in 0..Self::SIZE {
            counts[c + 1] += counts[c];
        }
        let mut next = counts.clone();
        let mut list = vec![0u32; counts[Self::SIZE] as usize];
        for (i, c) in keys {
            if let Some(c) = usize::try_from(u32::from(c))
                .ok()
                .filter(|&c| c < Self::SIZE)
            {
                list[next[c] as usize] = u32::try_from(i).unwrap_or(u32::MAX);
                next[c] += 1;
            }
        }
        CharTable {
            at: counts,
            list,
            beyond,
        }
    }

    /// The words keyed by `c`, in list order.
    fn get(&self, c: char) -> &[u32] {
        match usize::try_from(u32::from(c))
            .ok()
            .filter(|&c| c < Self::SIZE)
        {
            Some(c) => &self.list[self.at[c] as usize..self.at[c + 1] as usize],
            None => &self.beyond,
        }
    }
}

impl WordIndex {
    fn new(words: impl IntoIterator<Item = &'static str>) -> WordIndex {
        let words: Vec<&'static str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        let firsts = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((i, w.chars().next()?)));
        let lasts = words
            .iter()
            .enumerate()
            .filter_map(|(i, w)| Some((i, w.chars().next_back()?)));
        WordIndex {
            first: CharTable::new(firsts),
            last: CharTable::new(lasts),
            words,
        }
    }

    /// The position in the list of the first word `text` starts with.
    fn starting(&self, text: &str) -> Option<usize> {
        let first = text.chars().next()?;
        self.first
            .get(first)
            .iter()
            .map(|&i| i as usize)
            .find(|&i| text.starts_with(self.words[i]))
    }

    /// Whether `text` ends with a word of the list.
    fn ends(&self, text: &str) -> bool {
        text.chars().next_back().is_some_and(|last| {
            self.last
                .get(last)
                .iter()
                .any(|&i| text.ends_with(self.words[i as usize]))
        })
    }
}

/// [`ENDINGS`]' suffixes, indexed.
fn endings() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(|| WordIndex::new(ENDINGS.iter().map(|e| e.suffix)))
}

/// [`ROLE_WORDS`], indexed.
fn role_words() -> &'static WordIndex {
    static INDEX: OnceLock<WordIndex> = OnceLock::new();
    INDEX.get_or_init(|| WordIndex::new(ROLE_WORDS.iter().copied()))
}

/// Whether `c` begins a surname of [`SURNAMES`].
fn is_surname(c: char) -> bool {
    static SET: OnceLock<HashSet<char>> = OnceLock::new();
    SET.get_or_init(|| SURNAMES.chars().collect()).contains(&c)
}

/// One discovered span: the entity it names and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Find {
    /// Byte range in the normalized text.
    pub range: Range<usize>,
    pub sentence: usize,
    pub kind: Kind,
    pub category: &'static str,
    pub confidence: f64,
}

impl Find {
    /// The name as written.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range.clone()]
    }
}

/// The names of a discovered entity: `(name, aliases, key)`. A registered company name
/// (中国雄安集团有限公司) is known by its short form (中国雄安集团), a central enterprise
/// 中国X集团有限公司 also as 中国X; `key` is the shortest, so every form is one node.
pub fn names_of(written: &str, kind: Kind) -> (String, Vec<String>, String) {
    let mut aliases = Vec::new();
    let mut name = written.to_owned();
    if kind == Kind::Organization {
        if let Some(short) = REGISTERED.iter().find_map(|r| written.strip_suffix(r)) {
            // 中国雄安集团有限公司 is called 中国雄安集团; 博宇(天津)半导体材料有限公司 keeps
            // its registered name.
            let called_short =
                short.starts_with("中国") || ["集团", "控股"].iter().any(|s| short.ends_with(s));
            if called_short && short.chars().count() >= 4 {
                aliases.push(written.to_owned());
                name = short.to_owned();
            }
        }
        if name.starts_with("中国") {
            let core = ["控股集团", "集团", "控股"]
                .iter()
                .find_map(|s| name.strip_suffix(s));
            if let Some(core) = core.filter(|c| c.chars().count() >= 4) {
                aliases.push(core.to_owned());
            }
        }
    }
    let key = aliases
        .iter()
        .chain(std::iter::once(&name))
        .min_by_key(|a| (a.len(), (*a).clone()))
        .cloned()
        .unwrap_or_else(|| name.clone());
    (name, aliases, key)
}

/// A stable ASCII id for a discovered entity: `<kind prefix>/d-<FNV-1a hex of its key>`.
pub fn discovered_id(kind: Kind, key: &str) -> String {
    format!(
        "{}/d-{}",
        kind.id_prefix(),
        crate::extract::titles::stable_hex(key)
    )
}

/// Every entity-like span of the document that no top-level mention already names, in text
/// order. `known` tells whether a string is a catalogue name (such a span is no discovery).
/// O(n · endings) over the text.
pub fn discover(ctx: &DocContext, known: impl Fn(&str) -> bool) -> Vec<Find> {
    let mut out = Vec::new();
    for s in ctx.sentences {
        let mentions: Vec<Range<usize>> =
            ctx.top_mentions(s.index).map(|m| m.range.clone()).collect();
        for mut find in by_ending(ctx.text, s.range.clone(), &mentions) {
            find.sentence = s.index;
            let name = find.text(ctx.text);
            if !known(name) && !mentions.contains(&find.range) {
                out.push(find);
            }
        }
        for mut find in headquarters(ctx.text, s.range.clone(), &mentions) {
            find.sentence = s.index;
            if !known(find.text(ctx.text)) {
                out.push(find);
            }
        }
        for mut find in people(ctx.text, s.range.clone()) {
            find.sentence = s.index;
            let inside = mentions
                .iter()
                .any(|m| m.start < find.range.end && find.range.start < m.end);
            if !inside && !known(find.text(ctx.text)) {
                out.push(find);
            }
        }
    }
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out.dedup_by(|a, b| a.range == b.range);
    // A span inside a longer find (园 of 产业园区 found twice) is part of it.
    let mut kept: Vec<Find> = Vec::new();
    for f in out {
        if !kept
            .iter()
            .any(|k| k.range.start <= f.range.start && f.range.end <= k.range.end)
        {
            kept.push(f);
        }
    }
    kept
}

/// Whether a park's name without its place (高新区 of 燕郊高新区) names nothing on its own.
pub fn is_generic_park(own: &str) -> bool {
    ENDINGS
        .iter()
        .find(|e| e.kind == Kind::Park && own.ends_with(e.suffix))
        .is_none_or(|e| {
            let head = &own[..own.len() - e.suffix.len()];
            head.chars().count() < 2 || generic(head, false)
        })
}

/// Spans of `range` ending in a name ending, read backwards over Han characters up to 24
/// characters, cut at stop characters, leading verbs and coordinations; a span that would
/// start inside a known name starts where the name does.
fn by_ending(text: &str, range: Range<usize>, mentions: &[Range<usize>]) -> Vec<Find> {
    let sentence = &text[range.clone()];
    let chars: Vec<(usize, char)> = sentence
        .char_indices()
        .map(|(i, c)| (range.start + i, c))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at = chars[i].0;
        let rest = &text[at..range.end];
        let Some(e) = endings().starting(rest).map(|k| &ENDINGS[k]) else {
            i += 1;
            continue;
        };
        let suffix_chars = e.suffix.chars().count();
        let end_i = i + suffix_chars;
        let end = chars.get(end_i).map_or(range.end, |c| c.0);
        // A one-character ending must end the word (局势, 部署, 委托, 城市), unless a role
        // word, a particle or a verb that follows names comes next (教育厅厅长, 华望城举行);
        // any ending followed by another one is the start of a longer name (集团股份有限公司).
        let after = &text[end..range.end];
        let continues = suffix_chars == 1
            && after.chars().next().is_some_and(|c| {
                is_han(c)
                    && !"在和与、等的及将是已为于从向内".contains(c)
                    && role_words().starting(after).is_none()
                    && !AFTER_ENDING.iter().any(|w| after.starts_with(w))
                    && !after.starts_with('副')
                    && !after.starts_with('党')
            });
        let longer = endings().starting(after).is_some() && role_words().starting(after).is_none();
        // Inside a known name (园 of 科技园区) or the end of one: the known name is the entity.
        let in_mention = mentions.iter().any(|m| m.start < end && end <= m.end);
        if continues || longer || in_mention {
            i += 1;
            continue;
        }
        let mut start_i = i;
        while start_i > 0 && end_i - (start_i - 1) <= 24 {
            let c = chars[start_i - 1].1;
            let name_char = is_han(c) || "·—-()".contains(c);
            let kept = |w: &&str| {
                let at = chars[start_i - 1].0;
                text[..at + c.len_utf8()].ends_with(*w) || text[at..].starts_with(*w)
            };
            let stop = STOP.contains(c) && !KEEP_WORDS.iter().any(kept);
            // A role word before ends the name (党工委书记王浩可谓…科技城).
            let role = role_words().ends(&text[..chars[start_i].0]);
            if !name_char || stop || (role && start_i < i) {
                break;
            }
            start_i -= 1;
        }
        // An event's year belongs to its name (2022年…推介洽谈会, 2023京津冀…推介会).
        if e.kind == Kind::Event {
            while start_i > 0 && chars[start_i - 1].1.is_ascii_digit() {
                start_i -= 1;
            }
        }
        let mut start = chars[start_i].0;
        // A span does not start inside a known name: it takes the whole name (京津冀…).
        if let Some(m) = mentions.iter().find(|m| m.start < start && start < m.end) {
            start = m.start;
        }
        if let Some(span) = trim(text, start..end, mentions) {
            let name = &text[span.clone()];
            let head = &name[..name.len() - e.suffix.len()];
            let no_name = generic(head, e.category == BODY)
                || SEVERAL.iter().any(|w| head.contains(w))
                || head.chars().count() < 2
                || NOT_NAMES.iter().any(|n| name.ends_with(n))
                || head.chars().all(|c| !is_han(c));
            if !no_name {
                let registered = REGISTERED.iter().any(|r| name.ends_with(r));
                out.push(Find {
                    range: span,
                    sentence: 0,
                    kind: e.kind,
                    category: e.category,
                    confidence: if registered {
                        CONFIDENCE_REGISTERED
                    } else {
                        CONFIDENCE_SUFFIX
                    },
                });
            }
        }
        i = end_i;
    }
    out
}

/// `span` without what a reader would not call part of the name: an unmatched bracket,
/// leading verbs and prepositions, and every coordination member but the last (A和B → B,
/// where A is complete, ending in a name ending). None when nothing name-like is left.
fn trim(text: &str, mut span: Range<usize>, mentions: &[Range<usize>]) -> Option<Range<usize>> {
    let s = &text[span.clone()];
    if let Some(open) = s.rfind('(') {
        if !s[open..].contains(')') {
            span.start += open + 1;
        }
    }
    if let Some(close) = text[span.clone()].find(')') {
        if !text[span.start..span.start + close].contains('(') {
            span.start += close + 1;
        }
    }
    // Coordinations: cut after a connector whose left side ends a name.
    loop {
        let s = &text[span.clone()];
        let cut = s.char_indices().find_map(|(i, c)| {
            let connector = matches!(c, '和' | '与' | '及');
            let left = &s[..i];
            let complete = endings().ends(left) || mentions.iter().any(|m| m.end == span.start + i);
            (connector && i > 0 && complete).then_some(i + c.len_utf8())
        });
        match cut {
            Some(i) if i < s.len() => span.start += i,
            _ => break,
        }
    }
    // Leading verbs and prepositions, repeatedly (由 落实 …), but never into a known name.
    loop {
        let s = &text[span.clone()];
        let verb = LEADING.iter().find(|v| s.starts_with(*v)).map(|v| v.len());
        let known_here = mentions.iter().any(|m| m.start == span.start);
        match verb {
            Some(len) if !known_here && s.len() > len => span.start += len,
            _ => break,
        }
    }
    // 在京国家实验室: the place word after 在/赴/来 is where, not part of the name.
    let s = &text[span.clone()];
    let before = text[..span.start].chars().next_back();
    if s.starts_with(['京', '津', '冀'])
        && before.is_some_and(|c| "在赴来进驻落".contains(c))
        && !mentions.iter().any(|m| m.start == span.start)
    {
        span.start += '京'.len_utf8();
    }
    // A verb further inside cuts too (积极创建国家…示范区 → 国家…示范区), when what follows
    // is still a name of three or more characters and the verb is not inside a known name.
    let s = &text[span.clone()];
    let inner = LEADING
        .iter()
        .filter(|v| v.chars().count() >= 2)
        .filter_map(|v| s.rfind(*v).map(|i| (i, i + v.len())))
        .filter(|&(i, end)| {
            i > 0
                && s[end..].chars().count() >= 3
                && !mentions
                    .iter()
                    .any(|m| m.start <= span.start + i && span.start + i < m.end)
        })
        .map(|(_, end)| end)
        .max();
    if let Some(end) = inner {
        span.start += end;
    }
    let name = &text[span.clone()];
    let opens_name = name
        .chars()
        .next()
        .is_some_and(|c| is_han(c) || c.is_ascii_digit());
    (name.chars().count() >= 3 && opens_name).then_some(span)
}

/// Central enterprises named by their headquarters: 中国X(place)总部 → 中国X (中国星网总部,
/// 中国大唐雄安总部), where X has two to four characters.
fn headquarters(text: &str, range: Range<usize>, mentions: &[Range<usize>]) -> Vec<Find> {
    let sentence = &text[range.clone()];
    let mut out = Vec::new();
    for (i, _) in sentence.match_indices("总部") {
        let mut end = range.start + i;
        // A known place right before 总部 is where it is, not its name.
        if let Some(m) = mentions
            .iter()
            .find(|m| m.end == end && m.start > range.start)
        {
            end = m.start;
        }
        let Some(start) = text[range.start..end]
            .rfind("中国")
            .map(|p| range.start + p)
        else {
            continue;
        };
        let core = text[start + "中国".len()..end].chars().count();
        let plain = text[start..end]
            .chars()
            .all(|c| is_han(c) && !STOP.contains(c));
        if (2..=4).contains(&core) && plain {
            out.push(Find {
                range: start..end,
                sentence: 0,
                kind: Kind::Organization,
                category: COMPANY,
                confidence: CONFIDENCE_SUFFIX,
            });
        }
    }
    out
}

/// People named by a pattern in `range`: 记者 X (Y), ROLE X, “…”X说, X: at a line start.
fn people(text: &str, range: Range<usize>) -> Vec<Find> {
    let mut out = Vec::new();
    let sentence = &text[range.clone()];
    let person = |r: Range<usize>| Find {
        range: r,
        sentence: 0,
        kind: Kind::Person,
        category: "person",
        confidence: CONFIDENCE_PERSON_PATTERN,
    };
    for (i, _) in sentence.char_indices() {
        let at = range.start + i;
        let rest = &text[at..range.end];
        // 记者 X Y: reporters' names up to the closing bracket, separated by spaces or 、.
        if rest.starts_with("记者") {
            let mut p = at + "记者".len();
            loop {
                let tail = &text[p..range.end];
                let skip = tail.len() - tail.trim_start_matches([' ', '、', '\u{3000}']).len();
                p += skip;
                let run: usize = text[p..range.end]
                    .chars()
                    .take_while(|&c| is_han(c))
                    .map(char::len_utf8)
                    .sum();
                let n = text[p..p + run].chars().count();
                let closes = text[p + run..range.end]
                    .chars()
                    .next()
                    .is_none_or(|c| matches!(c, ')' | ' ' | '、' | ',' | '\u{3000}'));
                if (2..=3).contains(&n) && closes && starts_with_surname(&text[p..]) {
                    out.push(person(p..p + run));
                    p += run;
                } else {
                    break;
                }
            }
            continue;
        }
        // (记者 was handled above.)
        if let Some(role) = role_words().starting(rest).map(|k| ROLE_WORDS[k]) {
            let p = at + role.len();
            // 副市长 and 市长 both stand before 于英杰: one find.
            if let Some(name) = name_at(text, p, range.end, false) {
                if !out.iter().any(|f: &Find| f.range == name) {
                    out.push(person(name));
                }
            }
            continue;
        }
        // “…”X说 / ,X表示 / a line opening with X: — a name with no role before it.
        let opens = i == 0
            || text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '”' | ',' | '。' | '\n' | '」'));
        if opens {
            if let Some(name) = name_at(text, at, range.end, true) {
                let after = &text[name.end..range.end];
                let speaks = SPEECH.iter().any(|v| after.starts_with(v));
                let interview = i == 0 && after.starts_with(':');
                if speaks || interview {
                    out.push(person(name));
                }
            }
        }
    }
    out
}

fn starts_with_surname(s: &str) -> bool {
    s.chars().next().is_some_and(is_surname)
}

/// A person's name of two or three Han characters at `p`, starting with a surname and
/// followed by a character that may follow a name (or none). With `speech`, only what a
/// verb of speech or a colon follows.
fn name_at(text: &str, p: usize, end: usize, speech: bool) -> Option<Range<usize>> {
    if !starts_with_surname(&text[p..end]) {
        return None;
    }
    let chars: Vec<(usize, char)> = text[p..end].char_indices().take(4).collect();
    let boundary_after = |n: usize| -> Option<bool> {
        let name_ok = chars.iter().take(n).all(|&(_, c)| is_han(c));
        if chars.len() < n || !name_ok {
            return None;
        }
        let next = chars.get(n).map(|&(_, c)| c);
        let tail = &text[p + chars.get(n).map_or(end - p, |&(i, _)| i)..end];
        let ok = if speech {
            SPEECH.iter().any(|v| tail.starts_with(v)) || tail.starts_with(':')
        } else {
            next.is_none_or(|c| !is_han(c) || AFTER_NAME.contains(c))
        };
        Some(ok)
    };
    let span = |n: usize| p..p + chars.get(n).map_or(end - p, |&(i, _)| i);
    // Two characters when a strong boundary follows them (程鹏及, 王浩说), else three.
    let strong = |n: usize| {
        chars
            .get(n)
            .is_some_and(|&(_, c)| "说表介指致对及和与等称告".contains(c) || !is_han(c))
            || chars.len() == n
    };
    if boundary_after(2) == Some(true) && strong(2) {
        return Some(span(2));
    }
    let third_is_name = chars
        .get(2)
        .is_some_and(|&(_, c)| !"说表介指致对及和与等称告的是也就将曾一在为".contains(c));
    if third_is_name && boundary_after(3) == Some(true) {
        return Some(span(3));
    }
    (boundary_after(2) == Some(true)).then(|| span(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(sentence: &str) -> Vec<String> {
        let found = by_ending(sentence, 0..sentence.len(), &[]);
        found
            .iter()
            .map(|f| sentence[f.range.clone()].to_owned())
            .collect()
    }

    fn names(sentence: &str) -> Vec<String> {
        people(sentence, 0..sentence.len())
            .iter()
            .map(|f| sentence[f.range.clone()].to_owned())
            .collect()
    }

    #[test]
    fn endings_cut_where_a_reader_would() {
        assert_eq!(
            spans("调研了兴远高科孵化器、中南高科燕郊科创智谷、谊安医疗产业园和燕京总部基地"),
            [
                "兴远高科孵化器",
                "中南高科燕郊科创智谷",
                "谊安医疗产业园",
                "燕京总部基地"
            ]
        );
        assert_eq!(spans("由雄安新区改革发展局"), ["雄安新区改革发展局"]);
        assert_eq!(spans("为落实燕郊高新区考察"), ["燕郊高新区"]);
        assert_eq!(spans("到燕郊高新区考察调研"), ["燕郊高新区"]);
        assert_eq!(
            spans("河北省政府副省长、省教育厅厅长"),
            ["河北省政府", "省教育厅"]
        );
        assert_eq!(spans("这家公司在部署"), Vec::<String>::new());
    }

    #[test]
    fn a_span_takes_a_known_name_whole() {
        let s = "京津冀国家技术创新中心工作专班产业经营中心主任";
        // 京津冀 is a known name: the span may not start at 津.
        let known: Vec<Range<usize>> = std::iter::once(0..9).collect();
        let found = by_ending(s, 0..s.len(), &known);
        assert!(found.iter().all(|f| f.range.start == 0), "{found:?}");
    }

    #[test]
    fn people_from_patterns_only() {
        assert_eq!(names("(记者齐雷杰 龚璟璐)10月9日"), ["齐雷杰", "龚璟璐"]);
        assert_eq!(names("产业经营中心主任程鹏及园区运营中心"), ["程鹏"]);
        assert_eq!(names("北京市政府副市长于英杰在致辞中"), ["于英杰"]);
        assert_eq!(names("副总经理徐孟俭对贝壳财经记者表示"), ["徐孟俭"]);
        assert_eq!(names("“这次来看看。”朱亮亮说:"), ["朱亮亮"]);
        assert_eq!(names("中心负责人等到燕郊高新区"), Vec::<String>::new());
        assert_eq!(names("发展改革委员会主任强调"), Vec::<String>::new());
    }

    #[test]
    fn registered_and_short_forms_are_one_key() {
        let (name, aliases, key) = names_of("中国雄安集团有限公司", Kind::Organization);
        assert_eq!(name, "中国雄安集团");
        assert_eq!(aliases, ["中国雄安集团有限公司", "中国雄安"]);
        assert_eq!(key, names_of("中国雄安集团", Kind::Organization).2);
        let (name, _, key) = names_of("中关村发展集团股份有限公司", Kind::Organization);
        assert_eq!(name, "中关村发展集团");
        assert_eq!(key, "中关村发展集团");
    }
}
