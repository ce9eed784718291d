//! Examples quoted verbatim from shared/malls/base.md, for the tests of the
//! fake and of the BASE client alike: one copy, so both read the same document.

/// base.md §5.2: the response of `GET /1/orders/detail/{unique_key}`.
pub const ORDER_DETAIL_5_2: &str = r#"{"order":{"unique_key":"154D88A39E454289","ordered":1396419762,"cancelled":null,"dispatched":null,
 "payment":"creditcard","shipping_method":"ヤマト運輸","shipping_fee":500,"cod_fee":0,"total":7500,
 "first_name":"太郎","last_name":"山田","country":"Japan","country_code":"JP","zip_code":"106-0032",
 "prefecture":"東京都","address":"港区六本木","address2":"4-11-4 六本木ビル 301",
 "mail_address":"mail@example.com","tel":"03-1234-5678","remark":"午前中の配送を希望します。",
 "add_comment":null,"delivery_company_id":0,"tracking_number":null,
 "delivery_date":"2018-03-19","delivery_time_zone":"0812","terminated":false,
 "dispatch_status":"ordered","modified":1396419762,
 "order_receiver":{"first_name":"花子","last_name":"山田","zip_code":"150-0043","prefecture":"東京都",
   "address":"渋谷区道玄坂","address2":"2-10-12 新大宗ビル3号館 531号","tel":"03-1234-5678"},
 "order_discount":{"discount":0,"note":null,"is_allocate_user_balance_log":0},
 "order_charge":{"collected_fee":100},
 "c_c_payment_transaction":{"collected_fee":200,"status":"creditable"},
 "cvs_payment_transaction":{"collected_fee":null,"status":null},
 "user_balance_logs":[],
 "order_items":[
  {"order_item_id":19749229,"item_id":23245394,"variation_id":101,"title":"Tシャツ","variation":"サイズM",
   "price":2000,"amount":2,"total":4000,"item_tax_type":1,"consumption_tax_rate":10,"status":"ordered",
   "shipping_method":null,"shipping_fee":0,"shipping_start":null,"shipping_end":null,"modified":1396419762},
  {"order_item_id":19749230,"item_id":23245395,"variation_id":null,"title":"ロングTシャツ","variation":"",
   "price":3000,"amount":1,"total":3000,"status":"ordered","modified":1396419762}],
 "subscription":{"unique_key":null,"repeat_number":null,"repeat_times":null}}}"#;
