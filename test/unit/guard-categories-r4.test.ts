// The categories the guard misread on its fourth blind round (guard-r4) and on the first r5 set read
// (guard-r5/ja-a), docs/understanding-measures.md,
// each with sentences of our own, never the corpus's: what must now be blocked, and what is the ordinary
// talk of a seller and must pass.
import { describe, expect, it } from 'vitest';
import { en, ja } from '../support/categories.ts';

describe('blocked: violations phrased in ways the rules did not know', () => {
  it('the top mark as a bare number in quotes, by its place on the scale, or in kana', () => {
    expect(ja('ストアの評価をいただく際は、「５」を選んでいただけましたら励みになります。')).toContain('review-request');
    expect(ja('レビューの星は右端を選んでいただけると嬉しいです。')).toContain('review-request');
    expect(ja('レビューは、ほしごでお願いできれば幸いです。')).toContain('review-request');
    expect(ja('ご感想は\nい\nつ\nつ\nぼ\nし\nでお待ちしております。')).toContain('review-request');
    expect(en('When you leave feedback, please mark us "Outstanding".')).toContain('review-request');
    expect(en('Could you rate us as excellent on the feedback page?')).toContain('review-request');
    expect(en('A 5* rating would make our week.')).toContain('review-request');
  });

  it('incentives named as points, money in words, or a small present', () => {
    expect(en('Collect 200 Maple Points for each review you post on Amazon.')).toContain('review-incentive');
    expect(en('Leave a review and we will send you twenty dollars through Venmo.')).toContain('review-incentive');
    expect(en('Write a few words on the listing and a little gift is on its way to you.')).toContain('review-incentive');
  });

  it("the seller's shop on another marketplace, even without a verb of buying", () => {
    expect(ja('楽天市場にも当店の支店がございます。')).toContain('marketing');
    expect(ja('替えのフィルターは弊社直営のネットショップ（みどり本店）でのみ扱っております。')).toContain('marketing');
  });

  it('something new or limited, then the nudge a sentence or two later', () => {
    expect(ja('春の新作バッグを本日より販売開始いたしました。お揃いのポーチもございます。ぜひご覧ください。')).toContain('marketing');
    expect(ja('年末の福袋の予約受付を始めました。数に限りがございますので、お早めにどうぞ。')).toContain('marketing');
  });

  it('left from r1: a grade named as a floor, impressions posted on the product page for a sample, a sister shop beside "Amazon only"', () => {
    expect(ja('出品者の評価は「非常に良い」以上でお願いできれば幸いです。')).toContain('review-request');
    expect(ja('ご感想を商品ページに書いてくださった方には、新茶のサンプルをお送りします。')).toContain('review-incentive');
    expect(ja('Amazonでは本体のみの販売ですが、替え芯は姉妹店で取り扱っております。')).toContain('marketing');
  });

  it('a vanity number longer than the seven digits dialled', () => {
    expect(en('For spare parts dial 1-800-GET-PARTS any weekday.')).toContain('contact-phone');
  });
});

describe('passing: the ordinary talk of a seller', () => {
  it("Amazon's own help, order and return pages, with or without www", () => {
    expect(ja('返品方法はこちらをご覧ください：https://www.amazon.co.jp/gp/help/customer/display.html?nodeId=201819090')).toEqual([]);
    expect(en('You can start the return from Your Orders (amazon.co.uk/gp/css/order-history).')).toEqual([]);
    expect(en('The label sends it to Amazon.co.uk Returns, Dunfermline.')).toEqual([]);
  });

  it('評価 in a compound: a trial version, test items', () => {
    expect(ja('こちらは無料の評価版ではなく、製品版のライセンスでございます。')).toEqual([]);
    expect(ja('到着後に検品の評価項目を確認し、問題なければ全額返金いたします。')).toEqual([]);
  });

  it("a star scale on the product, a carrier's web site, a button of the product's app", () => {
    expect(ja('本体の★表示は5段階で、★1が最小、★5が最大の出力です。')).toEqual([]);
    expect(ja('お荷物の状況は佐川急便のホームページでご確認いただけます。')).toEqual([]);
    expect(ja('お問い合わせの「LINE」ボタンは、スマホのLINEアプリの通知を腕時計に表示する設定でございます。')).toEqual([]);
  });

  it("Amazon's own callback button and Amazon calling the buyer", () => {
    expect(en('On the Contact Us page pick your order, then "Call me", and Amazon will phone you back.')).toEqual([]);
  });

  it('words that only looked alike once stemmed ("being" is not the search engine Bing)', () => {
    expect(en('Your order is being packed and will ship today.')).toEqual([]);
  });
});

describe('r5 (ja-a, read after its first run): blocked', () => {
  it('a keepsake or free postage for a review; a kinder rating asked out of sympathy; stars to be "revised"', () => {
    expect(ja('ご感想を評価欄に書いてくださった方には、記念品として手ぬぐいをお送りしております。')).toContain('review-incentive');
    expect(ja('レビューを投稿いただいた方は、次回の送料を当店で負担いたします。')).toContain('review-incentive');
    expect(ja('評価をつける際は、繁忙期の事情を汲んでいただけますと助かります。')).toContain('review-request');
    expect(ja('先日の評価について、星の数を改めていただけないでしょうか。')).toContain('review-request');
  });

  it("the shop's own site found by a web search; the shop's other products recommended", () => {
    expect(ja('ネットで店名を検索していただくと当店のサイトが出てまいりますので、そちらでご購入いただけます。')).toContain('marketing');
    expect(ja('当店ではほかにも木製の食器を多数取り揃えております。よろしければストアページもご覧ください。')).toContain('marketing');
  });

  it('a phone number spoken in hiragana digits', () => {
    expect(ja('番号は ぜろはちぜろ、いちにさんよん、ごーろくななはち です。')).toContain('contact-phone');
  });
});

describe('r5 (ja-a): passing', () => {
  it("Amazon's staff calling the buyer back; a phone's own buttons; a refund or a tax rate given as a percentage", () => {
    expect(ja('Amazonのお問い合わせページで「電話」を選びお電話番号をご入力いただくと、Amazonの担当者から折り返しご連絡があります。')).toEqual([]);
    expect(ja('通話を終えるときは、本体のボタンを1回押してください。')).toEqual([]);
    expect(ja('商品代金の10％にあたる500円を一部返金させていただきます。')).toEqual([]);
    expect(ja('軽減税率（8％）対象の品目として、適格請求書を発行いただけます。')).toEqual([]);
  });

  it("turning down the buyer's own wish to deal off Amazon", () => {
    expect(ja('Amazonを介さずに直接お取引したいとのご提案でしたが、規約により承りかねます。')).toEqual([]);
  });
});

describe('r5 (ja-b and en, read after their first runs): blocked', () => {
  it('a warranty extended in kanji numerals, a gift "to everyone", a thank-you present for a review', () => {
    expect(ja('レビューをお書きいただいた方は、保証期間を三か月から十二か月に延長いたします。')).toContain('review-incentive');
    expect(ja('Amazonのレビューにご感想をお書きくださった方へ、もれなく小冊子をお送りしております。')).toContain('review-incentive');
    expect(ja('レビューを書いてくださった方には、お礼として小さな焼き菓子を同封しております。')).toContain('review-incentive');
  });

  it('money for the seller outside Amazon, even beside what Amazon cannot do', () => {
    expect(ja('修理はAmazonでは承れない決まりのため、部品代は現金書留でご同封いただけますでしょうか。')).toContain('marketing');
    expect(en('Just pay the $20 by PayPal to our business account and we will post it today.')).toContain('marketing');
  });

  it("a sale or a shop opening announced, other products pushed; the seller's shop on Yahoo!ショッピング or Alibaba", () => {
    expect(ja('年末感謝祭を開催いたします。この機会にぜひ当店をご利用ください。')).toContain('marketing');
    expect(ja('木製品はヤフーショッピングの姉妹店へ移りましたので、そちらをご覧ください。')).toContain('marketing');
    expect(en("We're opening our first store in Leeds next month. We'd love to see you there!")).toContain('marketing');
    expect(en('You might like to browse the rest of our range on our storefront.')).toContain('marketing');
    expect(en('For bulk orders we use our Alibaba shop instead.')).toContain('marketing');
  });

  it('reviews named in plain words by non-native or chatty sellers, and a picture of the review as proof', () => {
    expect(en('Please write review with photo and send us picture of review, then we send gift card.')).toContain('review-incentive');
    expect(en('People who tell others about us on the product page are getting a free pouch.')).toContain('review-incentive');
  });
});

describe('r5 (ja-b and en): passing', () => {
  it('a rating board or a star column as the product; an energy rating; key points of a review article', () => {
    expect(ja('「五つ星 評価ボード（口コミ掲示用）」の大きさについてお答えいたします。')).toEqual([]);
    expect(ja('読書ノートには「おすすめ度（星五つの欄）」がございます。')).toEqual([]);
    expect(ja('各章末に「評価のポイント」という囲み記事がございます。')).toEqual([]);
    expect(en('The dehumidifier has a 5-star energy rating and uses about 280 W.')).toEqual([]);
  });

  it('saying that a review incentive is forbidden; a refund offered after reading a review; the courier calling', () => {
    expect(ja('レビューと引き換えに値引きをすることは、Amazonの規約で禁止されております。')).toEqual([]);
    expect(ja('いただいたレビューを拝読いたしました。交換をご希望されない場合は、全額返金も承ります。')).toEqual([]);
    expect(ja('配達前に配達員の方からお電話が入ることがございますので、ご安心ください。')).toEqual([]);
    expect(ja('「電話番号を教えてほしい」とのことですが、規約によりお伝えできません。')).toEqual([]);
  });

  it('a phone as the product; a phone company site; delivery straight to the recipient; notifications from apps', () => {
    expect(ja('中古スマートフォンの通話機能についてお答えいたします。')).toEqual([]);
    expect(ja('利用制限は各携帯電話会社のホームページでご確認いただけます。')).toEqual([]);
    expect(ja('贈り先へ直接お届けする場合は、ご注文時にギフト設定をしてください。')).toEqual([]);
    expect(en('Thanks for your message about the refurbished phone you bought from us.')).toEqual([]);
    expect(en('There is no need to send us your phone number.')).toEqual([]);
    expect(en('The watch shows notifications from WhatsApp and Messages once the companion app is set up.')).toEqual([]);
  });
});

describe('r6 (read after its first run): blocked', () => {
  it('Japanese: a keepsake as 御礼, a free sample, a "kind" review asked, an email asked with ご教示, a URL in katakana, a shop opening', () => {
    expect(ja('レビューをご記入いただいた方への御礼として、靴下を一足お付けいたします。')).toContain('review-incentive');
    expect(ja('商品レビューをご投稿くださった方には、試供品を無償でお届けしております。')).toContain('review-incentive');
    expect(ja('お手すきの際に、好意的なフィードバックを頂戴できますと幸いです。')).toContain('review-request');
    expect(ja('請求書をお送りしますので、メールアドレスをご教示いただけますでしょうか。')).toContain('contact-channel');
    expect(ja('説明書は弊社サイト（ダブリュー・ダブリュー・ダブリュー ドット example-shop ドット コム）からダウンロードできます。')).toContain('link');
    expect(ja('来月、鎌倉に実店舗をオープンいたします。お近くの際はぜひお立ち寄りください。')).toContain('marketing');
    expect(ja('ほかの柄は「ナミ 公式」でググってみてください！')).toContain('marketing');
  });

  it('English: a warranty extended "to 24 months", a chance to review for a free item, stars bumped up, "contact us first", paying by e-Transfer, a channel to subscribe to', () => {
    expect(en('If you leave a review, we will extend that to 24 months.')).toContain('review-incentive');
    expect(en('When you get a chance to review us, let me know and a free jar is yours.')).toContain('review-incentive');
    expect(en('Would you consider bumping your 3-star review up a little?')).toContain('review-request');
    expect(en("Please don't leave negative feedback; contact us first and we'll fix it.")).toContain('review-request');
    expect(en('You can pay the $30 by Interac e-Transfer straight to us.')).toContain('marketing');
    expect(en('Our tips are on our YouTube channel, subscribe to get them first.')).toContain('contact-channel');
    expect(en("We've just opened our new shop in Kilkenny, so call in and say hello!")).toContain('marketing');
  });
});

describe('r6: passing', () => {
  it('a condition grade named 評価, a hotel\'s five stars, a katakana word holding インスタ, Amazon calling back, Google\'s own apps', () => {
    expect(ja('当店のコンディション評価は「非常に良い」でございます。')).toEqual([]);
    expect(ja('「五つ星ホテル仕様 バスタオル」を本日発送いたしました。')).toEqual([]);
    expect(ja('「年賀状デザインスタジオ」は製品版でございます。')).toEqual([]);
    expect(ja('「電話」を選ぶと、Amazonから折り返しお電話がかかってまいります。')).toEqual([]);
    expect(ja('このスピーカーフォンはZoomやGoogle Meetでのオンライン会議にご利用いただけます。')).toEqual([]);
  });

  it('English: apps installed on a phone, a product\'s IP rating, thanks for feedback, a carrier reference, a price then a new sentence', () => {
    expect(en('WhatsApp, Signal and all the usual apps install normally from the Play Store.')).toEqual([]);
    expect(en('The rating only applies when the flap is closed, so press it in before it gets wet.')).toEqual([]);
    expect(en("Thanks for the feedback on sizing, we've updated the size chart.")).toEqual([]);
    expect(en('I have lodged an investigation with the carrier (reference 2090318475).')).toEqual([]);
    expect(en('We will refund the full $24.99.\n\nTo keep it flat, dry it upright.')).toEqual([]);
  });
});

describe('r7 (read after its first run)', () => {
  it('blocked: impressions posted on Amazon for a gift, a low rating asked to be held back, a full five, a new line coming', () => {
    expect(ja('Amazonの商品ページへご感想をお寄せいただけましたら、お礼の気持ちとして茶葉を添えさせていただきます。')).toContain('review-incentive');
    expect(ja('Amazonへ感想を投稿してくださった方に、ビットセットをプレゼントしております。')).toContain('review-incentive');
    expect(ja('遅れは運送会社の事情ですので、どうか低い評価はお控えいただけますと助かります。')).toContain('review-request');
    expect(ja('来月から新色が加わります。ストアに追加しましたら、またお知らせしますね。')).toContain('marketing');
    expect(en('If anything would stop you giving us the full five, tell us here first.')).toContain('review-request');
    expect(en('As a thank-you for the lovely review you left, here is a $5 gift card.')).toContain('review-incentive');
    expect(en('Our winter collection drops next Tuesday, the matching hats are ones to watch.')).toContain('marketing');
  });

  it('passing: a car stereo LINE OUT, app messages a watch shows, social videos a light is for, star-shaped cutters, the driver phoning, a waybill', () => {
    expect(ja('カーナビにLINE出力端子がある場合は、お問い合わせのサブウーファーをそのまま接続できます。')).toEqual([]);
    expect(en('It can show WhatsApp messages, but you cannot take WhatsApp calls on it.')).toEqual([]);
    expect(en('The ring light works well for filming Instagram and TikTok videos.')).toEqual([]);
    expect(en('The five star cutters nest inside each other.')).toEqual([]);
    expect(en('The driver may phone you on the number in your Amazon address.')).toEqual([]);
    expect(en('It is moving again with DHL Express, waybill 5127740193.')).toEqual([]);
  });

  it('still blocked: a request for the mobile number beside the courier texting', () => {
    expect(en('Please reply with your mobile number so the courier can text you a slot.')).toContain('contact-channel');
  });
});

describe('r8 (read after its first run)', () => {
  it('blocked: warm stars asked, a new type on sale soon, no bad review please, a warranty for honest thoughts, a cheaper eBay or OnBuy shop', () => {
    expect(ja('評価の折には、どうか温かいお星さまを頂戴できましたら幸いです。')).toContain('review-request');
    expect(ja('来月、大容量タイプが新しく発売になります。公開されましたら、またお知らせいたします。')).toContain('marketing');
    expect(en('If there is a problem, please do not give a bad review, just write to us here.')).toContain('review-request');
    expect(en("Please don't leave neutral or negative feedback without giving us a go first.")).toContain('review-request');
    expect(en('We add a free lifetime warranty for every customer who shares their honest thoughts on the product page.')).toContain('review-incentive');
    expect(en("It's cheaper through our eBay shop because we don't pay Amazon's fees there.")).toContain('marketing');
    expect(en('As you asked about a second set: it is also on OnBuy under our shop name, a few pounds cheaper.')).toContain('marketing');
    expect(en('Search our name on YouTube and hit subscribe so you never miss a video.')).toContain('contact-channel');
  });

  it('passing: a phone tested for calls, a team, an offer turned down, a light for filming social videos', () => {
    expect(ja('動作確認として、通話、Wi-Fi、カメラをすべてテストしております。')).toEqual([]);
    expect(en("I've passed your comments to our packing team.")).toEqual([]);
    expect(en("I'm afraid we aren't able to offer discounts or private deals through Amazon messages.")).toEqual([]);
    expect(en('You can film in portrait for Instagram Reels or TikTok, or landscape for YouTube.')).toEqual([]);
  });
});

describe('r9 and r10 (read after their first runs)', () => {
  it('blocked: casual free postage, a warranty upgrade or money back for a review, a code in %', () => {
    expect(ja('星つけてくれたら、次は送料うち持ちでいいっすよ。')).toContain('review-incentive');
    expect(en('Post your thoughts on the listing and your warranty goes up to five years.')).toContain('review-incentive');
    expect(en('We give full reimbursement to everyone whose review is live by Friday.')).toContain('review-incentive');
    expect(en('Share your experience in a review and a 15% code is yours.')).toContain('review-incentive');
    expect(en('Write about your experience on the product page, send a screenshot, and the spare strap is free.')).toContain('review-incentive');
    expect(en('After your review is up we credit £10 in loyalty points; there is no need to email us.')).toContain('review-incentive');
  });

  it("blocked: raising a rating a sentence later, the top star, Amazon's questions answered for the buyer, a bad review headed off", () => {
    expect(en('I see you gave us two stars last week. Now that the new lamp works, could you bump it up?')).toContain('review-request');
    expect(en('If everything is fine, just make it a five.')).toContain('review-request');
    expect(ja('評価の画面では、いちばん右の星を押していただけると助かります。')).toContain('review-request');
    expect(en('When Amazon asks "How did we do?", please tick "Yes" on both questions.')).toContain('review-request');
    expect(ja('悪い評価をいただくと店が立ち行きません。何かあれば、まずはこちらにご連絡ください。')).toContain('review-request');
    expect(en('Please come to us before you go over to the review page; a low rating hurts a small shop.')).toContain('review-request');
    expect(en('Please give us good evaluation if you like the kettle.')).toContain('review-request');
  });

  it('blocked: a number split by a slash, a domain with spaces for dots, asking for a mobile by reply', () => {
    expect(en('Text me on 07700 / 900 461 if you prefer.')).toContain('contact-phone');
    expect(en('Our catalogue is at woodandwick co uk.')).toContain('link');
    expect(en('See bluefernhome com (no spaces) for the other sizes.')).toContain('link');
    expect(ja('ほかのサイズは bluefernhome com（スペースなし）でご覧いただけます。')).toContain('link');
    expect(en('Could you reply here with a mobile number the driver can use?')).toContain('contact-channel');
  });

  it('blocked: what is not on Amazon and where to find it, a sister company, an official store, a newsletter', () => {
    expect(ja('「こもれび木工」で検索してみてください。Amazonには出していない家具もございます。')).toContain('marketing');
    expect(en('Those filters are not listed on Amazon. You can order them from our sister company, Filterhaus.')).toContain('marketing');
    expect(en("We can't offer engraving on Amazon, but you can order it on Etsy from our shop there.")).toContain('marketing');
    expect(en('Please order spare blades from our official store on the internet, cheaper than Amazon.')).toContain('marketing');
    expect(ja('季節のおすすめをお届けするメールマガジンもございます。ご希望でしたらご返信ください。')).toContain('marketing');
    expect(en('Our new model comes out next week and the price is very good. You can see it on our store page.')).toContain('marketing');
    expect(en("The refill pack is on offer this week only, so it's worth grabbing one now.")).toContain('marketing');
  });

  it('passing: a benefit said to have nothing to do with a review, a product scale, a request named back', () => {
    expect(ja('お詫びとして500円をご返金いたしました。レビューの有無とは一切関係ございません。このご返金はレビューとは関係なく、当店の不手際によるものです。')).toEqual([]);
    expect(en('We have refunded the postage regardless of any review, as the delay was our fault.')).toEqual([]);
    expect(ja('この冷蔵庫は省エネラベルの多段階評価で★★★（3つ星）です。')).toEqual([]);
    expect(ja('使い方をお電話で聞きたいとのご要望をいただきましたが、ご案内はこちらのメッセージでいたします。')).toEqual([]);
  });

  it('passing: a cordless phone that cannot call, the courier using the number Amazon holds, Amazon-only shops, coupons reported', () => {
    expect(ja('子機から外線に電話がかけられない場合は、新しい子機をお送りします。')).toEqual([]);
    expect(ja('配達前に、ドライバーからAmazonにご登録のお電話番号へ連絡が入ることがございます。')).toEqual([]);
    expect(ja('当店の商品はAmazonでのみ販売しており、実店舗での取り扱いはございません。')).toEqual([]);
    expect(ja('「15%OFFクーポン」が使えなかったとのこと、差額を返金いたしました。')).toEqual([]);
    expect(en('Amazon\'s coupons only apply when the "Save £3 voucher" box is ticked, so I have refunded the £3.')).toEqual([]);
    expect(en('We checked voice and video calls and saw no difference in signal strength.')).toEqual([]);
    expect(en('You can leave feedback from Your Orders or at amazon.co.uk/feedback.')).toEqual([]);
    expect(en('The stock code on the box, 212-555-0143-WHT, is the white version.')).toEqual([]);
  });
});

describe('r11 (read after its first run)', () => {
  it('blocked: a higher rating, a successor model announced early, news of stock sent on request', () => {
    expect(ja('レビューの際は、高めの評価をつけていただけると励みになります。')).toContain('review-request');
    expect(ja('秋には後継モデルの発売を予定しております。予約が始まりましたら、いち早くお知らせいたします。')).toContain('marketing');
    expect(ja('新しい茶葉の入荷情報を毎月こちらのメッセージでお送りしております。')).toContain('marketing');
  });

  it('blocked: a few words left for money, a call offered, the high-street shop, a second storefront, a bank transfer', () => {
    expect(en('If you left a few words about the lamp, I would send $5 your way.')).toContain('review-incentive');
    expect(en('Would it be easier if I gave you a quick call on Monday?')).toContain('contact-channel');
    expect(en('Just bring it into our shop on the harbour and we will fix it while you wait.')).toContain('marketing');
    expect(en('We have a second store on Amazon with lower prices; search for it next time.')).toContain('marketing');
    expect(en('Transfer the £20 to our business account and I will post it directly.')).toContain('marketing');
    expect(en("We're opening our first tackle shop in town next month. It would be great to see you there.")).toContain('marketing');
  });

  it('passing: a part number grouped as no phone is, a phone product storing numbers, refusals in new words', () => {
    expect(ja('純正品番は 12345-67890 で、当店の商品が適合いたします。')).toEqual([]);
    expect(ja('「電話帳」ボタンを押して、お名前と電話番号を入力してください。')).toEqual([]);
    expect(ja('当店ではお客様のメールアドレスをお伺いすることができない決まりとなっております。')).toEqual([]);
    expect(ja('ヘルプページから電話を選ぶと、Amazonからお客様へ折り返しお電話があります。')).toEqual([]);
    expect(ja('「通話中に雑音が入る」とのこと、ご不便をおかけしております。')).toEqual([]);
    expect(ja('Amazonの商品ページで、10点以上のご購入に数量割引を設定しております。')).toEqual([]);
    expect(en("Amazon doesn't allow us to share phone numbers, so I'll answer everything here.")).toEqual([]);
    expect(en("I understand you'd like to contact me outside of Amazon, but we can only talk through Amazon.")).toEqual([]);
    expect(en('The app sends a verification code to the phone number you registered the app with.')).toEqual([]);
    expect(en('Sorry, we cannot give a special price outside Amazon.')).toEqual([]);
  });
});

describe('r12 (read after its first run)', () => {
  it('blocked: a free extra given on the premise of a review, a review steered to the good points, feedback kept off the rating', () => {
    expect(ja('同封のお試しサイズの化粧水は、レビューをご投稿いただく前提でお入れしております。')).toContain('review-incentive');
    expect(ja('レビューでは、使いやすかった点を中心にご紹介いただけると助かります。')).not.toEqual([]);
    expect(ja('レビューでは、良かった点を中心に書いていただけると嬉しいです。')).toContain('review-request');
    expect(ja('ご不満の点は、評価欄ではなく当店へのメッセージでお知らせください。')).toContain('review-request');
  });

  it('blocked: ordering by fax, a second shop opened, a better model on sale for the next purchase', () => {
    expect(ja('ご希望の部品名をFAXでお送りいただければ、すぐに手配いたします。')).toContain('contact-channel');
    expect(ja('来月、駅前に三号店を開店いたします。お近くの際はぜひお立ち寄りください。')).toContain('marketing');
    expect(ja('年末のセール期間は上位モデルが5,000円お安くなりますので、買い替えの際にどうぞ。')).toContain('marketing');
  });

  it('blocked: a review in everyday words for money, an e-gift card, a rating revisited, a top mark in words, a bad rating headed off', () => {
    expect(en("If you put up a couple of lines on the listing after your first ride, I'll refund the $4 shipping.")).toContain('review-incentive');
    expect(en('Everyone who tells other shoppers what they think gets an Amazon eGift card from us.')).toContain('review-incentive');
    expect(en('Once you give evaluation for our lamp, we will return 5 dollars to you.')).toContain('review-incentive');
    expect(en('Now the fan works again, would you consider revisiting your rating?')).toContain('review-request');
    expect(en('We hope the jacket earns a ten out of ten from you when Amazon asks.')).toContain('review-request');
    expect(en('Negative feedback hurts a shop our size for months. Please come to us with any problem rather than leaving it there.')).toContain('review-request');
  });

  it('blocked: digits said with "double", a number after "direct line", another marketplace, a monthly mail, our video channel', () => {
    expect(en('Ring the shop on oh-one-six-one, double-four-nine, six-two-three-one.')).toContain('contact-phone');
    expect(en('Direct line: 1800 552 903')).toContain('contact-phone');
    expect(en('The same kit is listed on Kogan, so you could grab it through there instead.')).toContain('marketing');
    expect(en('We send a monthly email with care tips; shall we add you to the list?')).toContain('marketing');
    expect(en('Our YouTube channel has a fitting video every week, so do subscribe.')).toContain('marketing');
  });

  it('passing: a dotted pattern and a letter-post service, a book title, a TV channel, a carrier number in another country\'s shape', () => {
    expect(ja('ドット柄のハンカチは、メール便で本日お送りしました。')).toEqual([]);
    expect(ja('『はじめてのLINE公式アカウント運用術』を本日発送いたしました。')).toEqual([]);
    expect(ja('テレビのチャンネル設定から「再スキャン」を選ぶと、受信できる局が登録されます。')).toEqual([]);
    expect(ja('西濃運輸のお問い合わせ番号は 0451-2290-377 です。')).toEqual([]);
    expect(ja('ご不明な点がございましたら、わたくし、かねだがお答えします。')).toEqual([]);
  });

  it('passing: an app the product is used with, the courier calling on the checkout number, five-star hotels, a seller\'s own wish', () => {
    expect(en('If you use the headset for Teams calls, set it as the default device.')).toEqual([]);
    expect(en('The driver (DPD) will call you on the number you gave at checkout.')).toEqual([]);
    expect(en('Luxury hotels and five-star resorts use this same towel weight.')).toEqual([]);
    expect(en("We'd love to hear how the grinder works out. If you'd like to share your experience, you can leave a review on the product page.")).toEqual([]);
    expect(en('The spare filter mentioned in the listing is in the side pocket of the box.')).toEqual([]);
  });
});

describe('r1 read again after r12 (categories left from the first round)', () => {
  it('blocked: an address one letter at a time, an upgrade for feedback, money off for a friend, stars with a particle', () => {
    expect(en('Send the photos to h e l p @ m y s h o p . c o m and we will look.')).toContain('contact-email');
    expect(ja('写真は t a r o . s h o p [at] g m a i l . c o m までお送りください。')).toContain('contact-email');
    expect(en('Leave positive seller feedback and we will upgrade your replacement at no extra cost.')).not.toEqual([]);
    expect(en('Refer a friend and you both get $15 off your next purchase with us.')).toContain('marketing');
    expect(ja('美味しかったら、レビューで星を5つ付けていただけますと嬉しいです。')).toContain('review-request');
    expect(ja('レビューをお聞かせください。ご投稿いただけましたら、300ポイントをお返しいたします。')).toContain('review-incentive');
  });

  it('blocked: our video channel named either way, the LINE account to message, a shop elsewhere after "not on Amazon, but"', () => {
    expect(ja('YouTubeの当工房チャンネルで作り方を公開しています。')).toContain('marketing');
    expect(ja('ご質問は当店のラインにご連絡いただけますと幸いです。')).toContain('contact-channel');
    expect(ja('こちらはAmazonには出品しておりませんが、「みどり雑貨 本店」で検索いただくと当店の通販ページが出てまいります。')).toContain('marketing');
    expect(ja('その色はAmazonではなくメルカリショップスで出品しております。')).toContain('marketing');
    expect(en("The lamp you asked about isn't on Amazon, but we have it on our Wayfair store; just search for our name.")).toContain('marketing');
    expect(ja('年末のセールでは当店の鍋を大幅値下げいたします。ぜひその時期にチェックしてみてください。')).toContain('marketing');
  });

  it('passing: a bare percentage, a coupon of Amazon\'s, a refusal with no turn elsewhere', () => {
    expect(ja('素材は綿60％・麻40％で、ご家庭で手洗いいただけます。ご検討の際のご参考になれば幸いです。')).toEqual([]);
    expect(en('The coupon you saw was an Amazon clip coupon for $5 off. You can see it on your invoice.')).toEqual([]);
    expect(ja('申し訳ございませんが、お電話での対応は行っておりません。')).toEqual([]);
  });
});

describe('r13 (read after its first run)', () => {
  it('blocked (ja): a gift for a post on the product page, a rating looked at again by request, stars held back, a review put on hold', () => {
    expect(ja('商品ページに使い心地をお書きいただいた方には、保証を3年に延長しております。')).toContain('review-incentive');
    expect(ja('お茶のご感想をアマゾンに書いていただけましたら、新茶をささやかですがお送りいたします。')).toContain('review-incentive');
    expect(ja('先日の星2つのご評価を、見直していただくことはできませんでしょうか。')).toContain('review-request');
    expect(ja('ご評価の際はどうか事情をお汲み取りいただき、低い星は付けずにおいてください。')).toContain('review-request');
    expect(ja('ご評価はいったん保留にしていただき、交換品をお試しになってからご判断ください。')).toContain('review-request');
    expect(ja('レビューでは「軽い」「静か」といった点に触れていただけると助かります。')).toContain('review-request');
  });

  it('blocked (ja): a mobile number asked for, a direct sale after a cancel, PayPay, our range, a shop visit, half price', () => {
    expect(ja('配送の調整のため、携帯電話の番号をこちらでお知らせいただけますか。')).toContain('contact-channel');
    expect(ja('こちらの注文をキャンセルしていただき、当店から直接お送りする形でご注文を承ります。')).toContain('marketing');
    expect(ja('差額の500円はPayPayで送っていただければ結構です。')).toContain('marketing');
    expect(ja('当店で取り扱っている替えパッドも一緒に使うのがおすすめです。')).toContain('marketing');
    expect(ja('金沢にお越しの際は、ぜひ本店にお立ち寄りください。')).toContain('marketing');
    expect(ja('来月のセールでは同じシリーズの鍋が半額になります。お見逃しなく。')).toContain('marketing');
  });

  it('blocked (en): a comment taken down for a gift, a prize draw, words put up on Amazon, Amazon\'s survey, a call on FaceTime', () => {
    expect(en('If you can take down the comment you left last week, I will add a spare filter at no charge.')).toContain('review-incentive');
    expect(en('Everyone who shares their thoughts on the product page goes into a monthly prize draw.')).toContain('review-incentive');
    expect(en("Put a few words up about it on Amazon and I'll send you a $5 e-gift card.")).toContain('review-incentive');
    expect(en('Amazon will send you a short survey about how we did; ticking the top box would mean the world to us.')).toContain('review-request');
    expect(en('Would you be so kind as to look again at the comment you posted on Monday?')).toContain('review-request');
    expect(en('Please give us full stars when Amazon asks.')).toContain('review-request');
    expect(en("Anything short of 'excellent' hurts our small team.")).toContain('review-request');
    expect(en('Happy to jump on a quick FaceTime tonight, just tell me what time works for you.')).toContain('contact-channel');
    expect(en('Write to me directly and I will sort the template out.')).toContain('contact-channel');
  });

  it('blocked (en): a bank transfer, an order by telephone, a direct sale at wholesale price, a reward for a friend', () => {
    expect(en('You can skip the Amazon fees: do a bank transfer and I will post it today.')).toContain('marketing');
    expect(en('Ring the shop and we can take the order over the telephone.')).toContain('contact-channel');
    expect(en('Cancel it and I can sell you the set directly at our wholesale price.')).toContain('marketing');
    expect(en('If a friend orders and mentions your name, you both get a free tin of polish.')).toContain('marketing');
  });

  it('passing: a number registered at the order, a product code in quotes, a channel the buyer saw, a refusal in polite words', () => {
    expect(ja('配達前に、ドライバーからご注文時にご登録いただいたお電話番号へご連絡が入ります。')).toEqual([]);
    expect(ja('製造番号「0120-3347-88」の製品は保証期間内です。')).toEqual([]);
    expect(ja('Instagramでご覧になった商品は、当店の商品とは別のものでございます。')).toEqual([]);
    expect(ja('いただいたご評価について、こちらから変更をお願いすることはございません。')).toEqual([]);
    expect(ja('これはAmazonのタイムセールの対象になったためで、セール期間は明日までです。')).toEqual([]);
  });

  it('passing: a named courier calling, apps a phone runs, Google\'s own apps, the buyer\'s words quoted back, reviews read', () => {
    expect(en('Panther will phone you on the number in your Amazon delivery address to book a slot.')).toEqual([]);
    expect(en('The phone runs WhatsApp and Signal, and WhatsApp\'s own chat backup moves your history.')).toEqual([]);
    expect(en('Open the Google Home app, tap Works with Google and search for the plug.')).toEqual([]);
    expect(en("'Five stars from the whole family' made our morning, thank you.")).toEqual([]);
    expect(en('Some reviews mention that the lid feels tight at first; it loosens after a few washes.')).toEqual([]);
    expect(en('For vertical video like Instagram Reels or TikTok, rotate the clip.')).toEqual([]);
  });
});

describe('r14 (read after its first run)', () => {
  it('blocked (ja): an extra sent along, trial bags, priority for reviewers, a comment taken down, more stars, a rating kept clear of the delay', () => {
    expect(ja('使い心地を商品ページに書いていただけましたら、次回は小皿を添えてお送りします。')).toContain('review-incentive');
    expect(ja('星をつけてくださった方に、お試し袋をお届けしております。')).toContain('review-incentive');
    expect(ja('レビューを投稿済みのお客様は、交換品を優先枠で発送いたします。')).toContain('review-incentive');
    expect(ja('お書きになったコメントをお取り下げいただけるのであれば、ご返送は不要で全額返金いたします。')).toContain('review-incentive');
    expect(ja('気に入ったら、☆いっぱいつけてもらえると嬉しいです！')).toContain('review-request');
    expect(ja('配送の遅れは、商品の星の数には響かせないでいただけると助かります。')).toContain('review-request');
    expect(ja('先日のご評価について、交換品が届きましたら改めてご検討いただけますと幸いです。')).toContain('review-request');
  });

  it('blocked (ja): a video call, a number read out in parts, the company\'s own mail order, a bank slip, a letter, a benefit for showing this message', () => {
    expect(ja('よろしければZoomをつないで、画面を見ながら一緒に設定させてください。')).toContain('contact-channel');
    expect(ja('お店の電話でも承っております。市外局番が0263、その次が45、最後が1234でございます。')).toContain('contact-phone');
    expect(ja('替刃はAmazonでは扱いがないため、当社の公式通販からお求めください。')).toContain('marketing');
    expect(ja('お支払いは商品に同封の振込用紙でお願いしております。')).toContain('marketing');
    expect(ja('当店では月1回のお便りを発行しております。ご希望の方はお知らせください。')).toContain('marketing');
    expect(ja('店舗でこのメッセージを見せていただければ、珈琲を一杯サービスいたします。')).toContain('marketing');
    expect(ja('来春、同じ生地のリュックを新しく出品する予定です。楽しみにしていただけたら嬉しいです。')).toContain('marketing');
  });

  it('blocked (en): money in a currency code, an item of ours for a few lines, an extended warranty, priority, the best number to reach you', () => {
    expect(en('When you put your experience with stars on the product page, we will send back 8 USD as thanks.')).toContain('review-incentive');
    expect(en('Any customer who writes a few lines there about the pen receives a bottle of our ink.')).not.toEqual([]);
    expect(en('Customers who complete a product evaluation on the listing qualify for our extended 24-month warranty.')).toContain('review-incentive');
    expect(en('Show us some love on the listing and we will send a second case free.')).toContain('review-incentive');
    expect(en('Could you send me the best number to reach you on?')).toContain('contact-channel');
  });

  it('blocked (en): PayPal me, a trade invoice after cancelling the Amazon order, a new version ahead, a mailing, a loyalty scheme', () => {
    expect(en('I can post the larger size today and you PayPal me the $6 difference.')).toContain('marketing');
    expect(en('You would be better served by cancelling the current Amazon order and letting us invoice you directly at our trade price.')).toContain('marketing');
    expect(en("In March we're bringing out a larger version, so keep an eye on our brand page.")).toContain('marketing');
    expect(en('We send out a short seasonal letter with members-only offers.')).toContain('marketing');
    expect(en('Every piece you buy from us counts towards our Collectors Circle, and the sixth one is on us.')).toContain('marketing');
    expect(en('I would be obliged if you would hold off writing anything about us on Amazon until they arrive.')).toContain('review-request');
  });

  it('passing: a refusal in other forms, a switch on a product, a phone company, no such coupon, a return waived is no refusal to steer', () => {
    expect(ja('当店では電話やメールでのご相談は承っておらず、すべてこちらのメッセージで対応しております。')).toEqual([]);
    expect(ja('LINE/INST切替スイッチは、ギターを直接つなぐときだけINSTにしてください。')).toEqual([]);
    expect(ja('ナンバー・ディスプレイは別途電話会社とのご契約が必要ですので、ご注意ください。')).toEqual([]);
    expect(ja('現在当店から発行しているクーポンはございません。')).toEqual([]);
    expect(ja('インスタグラムはありますか、とのご質問ですが、このメッセージ機能でのみご連絡しております。')).toEqual([]);
  });

  it('passing (en): a named courier who will call or text, Amazon\'s coupon, "there\'s no need", the seller\'s own gladness, a load rating', () => {
    expect(en('The courier, Panther Logistics, will call or text you on the phone number attached to your Amazon order.')).toEqual([]);
    expect(en('The 10% coupon you saw was shown on the listing by Amazon; you can cancel and order again.')).toEqual([]);
    expect(en("You asked for an email address to send photos, but there's no need: attach them to your reply here.")).toEqual([]);
    expect(en("I've seen the feedback you left; the chair is rated to 120 kg and I'm glad you weren't hurt.")).toEqual([]);
    expect(en('You can share pictures straight from WhatsApp or your gallery into the Frameo app.')).toEqual([]);
  });
});
