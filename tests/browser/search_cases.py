"""Queries of the browser search test: what a reader types and the guide (and question) it must find."""

from __future__ import annotations

# (query, expected guide title among the first five, the question (or heading) of that result, or None)
ENGLISH = [
    ("train", "Dialog Editor", "How to train intents?"),
    ("training", "Dialog Editor", "How to train intents?"),  # stemmed: training is train
    ("trai", "Dialog Editor", "How to train intents?"),  # prefix while typing
    ("traini", "Dialog Editor", "How to train intents?"),  # typed up to -i: completed to its -ing stem
    ("webh", "Dialog Editor", "How to use a Webhook node?"),
    ("TRANSFER human agent", "Dialog Editor", "How do I transfer to an Human Agent?"),
    ("Ｗｅｂｈｏｏｋ", "Dialog Editor", "How to use a Webhook node?"),  # full-width Latin
    ("allowed sessions", "Plan & Usage", "What is Allowed Sessions?"),
    ("usage trend", "Plan & Usage", "What is the Usage Trend?"),
    ("table owner", "Data Tables", "How do I change the Table Owner?"),
    ("join rule", "Data Tables", "What is a Join Rule?"),
    ("digital for", "Digital Forms", None),
    ("contanment", "Containment Metrics", None),  # one typo
    ("drop-offs", "Containment Metrics", "What are included in Drop-offs?"),
]
JAPANESE = [
    ("プラン", "プランと使用状況", None),
    ("使用傾向", "プランと使用状況", "使用傾向とは何ですか?"),
    ("許可されたセッション", "プランと使用状況", "許可されたセッションとは何ですか?"),
    ("ﾄﾞﾛｯﾌﾟｵﾌ", "コンテインメント メトリクス", "ドロップオフにはどんなものがあるか"),  # half-width katakana
    ("リアルタイム", "コンテインメント メトリクス", "リアルタイムステータスとは"),
    ("エージェント転送", "コンテインメント メトリクス", "エージェント転送の会話とは"),
    ("フィルタ", "コンテインメント メトリクス", "分析に含まれるメッセージ / 会話をフィルタリングする方法"),
    ("会話フロー", "コンテインメント メトリクス", "会話フローの詳細を表示する方法"),
]
CORPUS_JAPANESE = [
    ("ナレッジ抽出", "Knowledge Extraction", "ナレッジ抽出サービスとは"),  # a compound's start
    ("アラートタスク", "Alert Tasks", "アラートタスクとは"),
    ("バッチテスト", "Batch Testing", "回帰分析にバッチテストを使用する方法"),
    ("ｽﾓｰﾙﾄｰｸ", "Small Talk", "スモールトークとは"),
    ("挨拶", "Small Talk", "挨拶とは"),  # two characters
    ("公開", "Publish", "ボットの公開方法"),
    ("センチメント", "Sentiment Management", None),
    ("ストーリ", "Storyboard", "ストーリーボードとは"),  # typing
    ("環境変数", "Environment Variables", "環境変数"),  # the guide's heading
    ("ボットのバージョン", "Bot Versions", "ボットのバージョン作成方法"),
    ("割り込み", "Interruption Management", None),
]
KOREAN = [
    ("세션", "세션 관리", "세션이란 무엇인가요?"),
    ("세션", "대화 편집기", "대화 중에 세션은 언제 끝나나요?"),  # 세션 finds 세션은
    ("세션", "요금제와 청구", "청구 세션이란 무엇인가요?"),  # and 세션이란
    ("세션은", "대화 편집기", "대화 중에 세션은 언제 끝나나요?"),
    ("세션이란", "요금제와 청구", "청구 세션이란 무엇인가요?"),
    ("데이터를", "데이터 테이블", "CSV 파일에서 데이터를 가져올 수 있나요?"),
    ("데이터", "데이터 테이블", "서비스형 데이터란 무엇인가요?"),
    ("테이블 뷰", "데이터 테이블", "테이블 뷰란 무엇인가요?"),
    ("웹훅", "대화 편집기", "웹훅 노드는 어떻게 사용하나요?"),  # two syllables
    ("청구", "요금제와 청구", "청구 세션이란 무엇인가요?"),
    ("세", "세션 관리", None),  # one syllable: the start of a bigram
    ("대화 편집", "대화 편집기", None),
    ("시간 제한", "세션 관리", "세션 시간 제한은 어떻게 바꾸나요?"),
    ("요금제를 바꾸려면", "요금제와 청구", "요금제를 바꾸려면 어떻게 하나요?"),
    ("CSV", "데이터 테이블", "CSV 파일에서 데이터를 가져올 수 있나요?"),
]
