"""Demo issue for August 2026 (published). Invented content in the bulletin style."""

from .registry import at, cite

ISSUE = {
    "year": 2026,
    "month": 8,
    "status": "published",
    "published_at": at(2026, 8, 5, 8),
    "sections": [
        {
            "level": 1,
            "heading": (
                "Kỷ niệm 81 năm Ngày Cách mạng Tháng Tám thành công (19/8/1945 - 19/8/2026) và "
                "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2026)"
            ),
            "cites": ["cv1236_tu"],
            "body": """
<p>Năm 2026, toàn Đảng, toàn dân và toàn quân ta kỷ niệm 81 năm Ngày Cách mạng Tháng Tám thành công
và Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam trong không khí cả nước đang ra sức thi đua
thực hiện Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và nghị quyết đại hội đảng bộ
các cấp nhiệm kỳ 2025 - 2030.</p>
<p>Thực hiện chỉ đạo của Thành ủy<sup>1</sup>, Ban Tuyên giáo Thành ủy biên soạn nội dung tuyên
truyền để các chi bộ sử dụng trong kỳ sinh hoạt tháng 8, góp phần giáo dục truyền thống yêu nước,
khơi dậy niềm tự hào dân tộc, củng cố niềm tin của cán bộ, đảng viên và Nhân dân vào sự lãnh đạo
của Đảng.</p>
""",
            "footnotes": [
                ("1", cite("cv1236_tu") + "."),
            ],
        },
        {
            "level": 2,
            "heading": "Cách mạng Tháng Tám năm 1945 - bước ngoặt vĩ đại của lịch sử dân tộc",
            "body": """
<p>Giữa tháng 8/1945, phát xít Nhật đầu hàng Đồng minh, quân Nhật ở Đông Dương hoang mang, chính
quyền tay sai rệu rã; thời cơ giành chính quyền trên cả nước đã chín muồi. Nắm bắt đúng thời cơ,
Hội nghị toàn quốc của Đảng họp tại Tân Trào (Tuyên Quang) từ ngày 13 đến ngày 15/8/1945 quyết định
phát động Tổng khởi nghĩa. Ngày 16/8/1945, Quốc dân Đại hội Tân Trào tán thành chủ trương Tổng khởi
nghĩa, thông qua 10 chính sách lớn của Việt Minh và bầu ra Ủy ban Dân tộc giải phóng Việt Nam do
đồng chí Hồ Chí Minh làm Chủ tịch.</p>
<p>Hưởng ứng lời kêu gọi của lãnh tụ Hồ Chí Minh, hàng triệu quần chúng từ nông thôn đến thành thị
đồng loạt vùng dậy. Ngày 19/8/1945, khởi nghĩa giành chính quyền thắng lợi ở Hà Nội; tiếp đó là Huế
(23/8) và Sài Gòn (25/8). Chỉ trong khoảng nửa tháng, chính quyền trên cả nước đã về tay Nhân dân.
Ngày 02/9/1945, tại Quảng trường Ba Đình, Chủ tịch Hồ Chí Minh đọc bản <em>Tuyên ngôn độc lập</em>,
khai sinh nước Việt Nam Dân chủ Cộng hòa.</p>
<p>Thắng lợi của Cách mạng Tháng Tám đã xóa bỏ ách thống trị của thực dân, phát xít và chế độ phong
kiến, đưa Nhân dân ta từ thân phận nô lệ trở thành người làm chủ đất nước, mở ra kỷ nguyên độc lập
dân tộc gắn liền với chủ nghĩa xã hội. Cuộc cách mạng để lại những bài học quý báu, đến nay vẫn còn
nguyên giá trị:</p>
<ul>
<li><strong>Bài học về sự lãnh đạo của Đảng:</strong> đường lối đúng đắn, sáng tạo, phù hợp với
thực tiễn là nhân tố quyết định thắng lợi của cách mạng.</li>
<li><strong>Bài học về đại đoàn kết toàn dân tộc:</strong> tập hợp mọi tầng lớp Nhân dân trong Mặt
trận Việt Minh, lấy liên minh công nhân, nông dân và trí thức làm nền tảng.</li>
<li><strong>Bài học về nắm bắt thời cơ:</strong> chuẩn bị lực lượng chu đáo, lâu dài để khi thời cơ
đến thì hành động kịp thời, kiên quyết, kết hợp đấu tranh chính trị với đấu tranh vũ trang.</li>
</ul>
""",
        },
        {
            "level": 2,
            "heading": "Cao Bằng - quê hương cách mạng, nơi ghi dấu nhiều sự kiện lịch sử quan trọng",
            "body": """
<p>Cao Bằng tự hào là một trong những cái nôi của cách mạng Việt Nam. Ngày 28/01/1941, sau 30 năm
bôn ba tìm đường cứu nước, lãnh tụ Nguyễn Ái Quốc trở về Tổ quốc tại Pác Bó (huyện Hà Quảng), trực
tiếp lãnh đạo cách mạng Việt Nam. Tại đây, tháng 5/1941, Người chủ trì Hội nghị lần thứ tám Ban
Chấp hành Trung ương Đảng, hoàn chỉnh chủ trương đặt nhiệm vụ giải phóng dân tộc lên hàng đầu và
quyết định thành lập Mặt trận Việt Nam độc lập đồng minh (Việt Minh).</p>
<p>Từ phong trào Việt Minh ở Cao Bằng, các hội cứu quốc phát triển rộng khắp; nhiều làng, xã trở
thành chỗ dựa vững chắc cho cán bộ hoạt động. Ngày 22/12/1944, theo chỉ thị của lãnh tụ Hồ Chí
Minh, Đội Việt Nam Tuyên truyền Giải phóng quân - tiền thân của Quân đội nhân dân Việt Nam - được
thành lập tại khu rừng Trần Hưng Đạo (huyện Nguyên Bình). Ngay sau khi ra đời, Đội đã đánh thắng
hai trận Phai Khắt, Nà Ngần, mở đầu truyền thống “đã ra quân là đánh thắng”.</p>
<p>Đồng bào các dân tộc Tày, Nùng, Dao, Mông, Kinh... trên quê hương Cao Bằng đã nuôi giấu, bảo vệ
cán bộ, đóng góp sức người, sức của xây dựng căn cứ địa, góp phần tạo tiền đề quan trọng cho thắng
lợi của Tổng khởi nghĩa. Truyền thống ấy vừa là niềm tự hào, vừa là trách nhiệm của mỗi cán bộ,
đảng viên thành phố hôm nay.</p>
""",
        },
        {
            "level": 2,
            "heading": (
                "Phát huy tinh thần Cách mạng Tháng Tám, xây dựng thành phố Cao Bằng văn minh, "
                "hiện đại"
            ),
            "body": """
<p>Tiếp nối truyền thống cách mạng, những năm qua Đảng bộ, chính quyền và Nhân dân thành phố Cao
Bằng đã đoàn kết, nỗ lực vượt qua khó khăn, đạt được nhiều kết quả quan trọng. Kinh tế duy trì mức
tăng trưởng khá; kết cấu hạ tầng đô thị từng bước được đầu tư đồng bộ; các tuyến kè, đường dạo ven
sông Bằng, sông Hiến tạo điểm nhấn cho diện mạo đô thị; an sinh xã hội được bảo đảm; quốc phòng, an
ninh được giữ vững.</p>
<p>Để thiết thực kỷ niệm 81 năm Cách mạng Tháng Tám và Quốc khánh 2/9, các chi bộ tập trung thực
hiện tốt một số nội dung sau:</p>
<ol>
<li>Tuyên truyền sâu rộng ý nghĩa lịch sử, giá trị thời đại của Cách mạng Tháng Tám và bản
<em>Tuyên ngôn độc lập</em>; những đóng góp của quê hương Cao Bằng đối với thắng lợi của cách
mạng.</li>
<li>Vận động các hộ gia đình treo cờ Tổ quốc từ ngày 31/8 đến hết ngày 02/9/2026; chỉnh trang nhà
cửa, đường phố, ngõ xóm xanh, sạch, đẹp.</li>
<li>Gắn các hoạt động kỷ niệm với phong trào thi đua hoàn thành chỉ tiêu 6 tháng cuối năm và chủ
động phòng, chống thiên tai trong mùa mưa bão.</li>
<li>Quan tâm thăm hỏi, tặng quà các gia đình chính sách, người có công với cách mạng trên địa bàn;
tổ chức các hoạt động trang trọng, thiết thực, tiết kiệm.</li>
</ol>
<p>Mỗi cán bộ, đảng viên nêu cao tinh thần trách nhiệm, gương mẫu đi đầu, tích cực đấu tranh với
những luận điệu xuyên tạc lịch sử, phủ nhận thành quả cách mạng trên không gian mạng.</p>
""",
        },
        {
            "level": 1,
            "heading": cite("kh405_tu"),
            "presents": "kh405_tu",
            "cites": ["kh139_tu", "ct07_tw_2026"],
            "body": """
<p>Cao Bằng là tỉnh miền núi có địa hình chia cắt mạnh, thường xuyên chịu ảnh hưởng của mưa lớn, lũ
quét, sạt lở đất, dông lốc và rét đậm, rét hại. Trên địa bàn thành phố, nhiều khu dân cư nằm ven
sông Bằng, sông Hiến và dưới chân các sườn đồi có độ dốc lớn; những năm gần đây, các đợt mưa lớn
cục bộ đã gây ngập úng ở một số tuyến phố, sạt lở taluy, ảnh hưởng đến tài sản và đời sống của Nhân
dân.</p>
<p>Thực hiện Chỉ thị số 07-CT/TW, ngày 26/6/2026 của Ban Bí thư và Kế hoạch số 139-KH/TU, ngày
16/7/2026 của Ban Thường vụ Tỉnh ủy, ngày 28/7/2026, Ban Thường vụ Thành ủy ban hành Kế hoạch số
405-KH/TU với những nội dung chủ yếu sau:</p>
""",
        },
        {
            "level": 2,
            "heading": "Mục đích, yêu cầu",
            "cites": ["nd118_cp", "kh1650_ubnd"],
            "body": """
<p>- Quán triệt sâu sắc quan điểm chuyển mạnh từ bị động ứng phó sang chủ động phòng ngừa, lấy
phòng ngừa là chính; xác định phòng, chống thiên tai là nhiệm vụ của cả hệ thống chính trị, là
trách nhiệm và nghĩa vụ của mỗi tổ chức, cá nhân, hộ gia đình.</p>
<p>- Nâng cao vai trò lãnh đạo của cấp ủy, hiệu lực quản lý, điều hành của chính quyền, trách nhiệm
của người đứng đầu; phát huy vai trò của Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội và cộng
đồng dân cư trong phòng, chống thiên tai.</p>
<p>- Việc triển khai phải cụ thể, sát với thực tế từng phường, xã, tổ dân phố, xóm; gắn với thực
hiện các quy định mới của Nhà nước về lực lượng xung kích phòng, chống thiên tai cấp
xã<sup>1</sup>; kết quả thực hiện là một tiêu chí đánh giá, xếp loại tổ chức đảng và đảng viên cuối
năm.</p>
""",
            "footnotes": [
                ("1", cite("nd118_cp") + "; " + cite("kh1650_ubnd") + "."),
            ],
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ, giải pháp trọng tâm",
            "body": """
<p>Kế hoạch xác định ba nhóm nhiệm vụ, giải pháp trọng tâm, giao các đảng ủy phường, xã và các cơ
quan chuyên môn của thành phố tổ chức thực hiện:</p>
""",
        },
        {
            "level": 3,
            "heading": "Đẩy mạnh tuyên truyền, nâng cao nhận thức về phòng, chống thiên tai",
            "body": """
<p>Các cấp ủy chỉ đạo đa dạng hóa hình thức tuyên truyền: qua hệ thống loa truyền thanh, nhóm Zalo
của tổ dân phố, xóm, sinh hoạt chi bộ và các buổi họp dân. Chú trọng hướng dẫn Nhân dân kỹ năng
nhận biết dấu hiệu sạt lở đất, lũ quét (vết nứt trên sườn đồi, nước suối đục bất thường, cây cối
nghiêng đổ...) và cách xử lý khi có tình huống khẩn cấp.</p>
<p>Ngành giáo dục đưa nội dung phòng, chống thiên tai vào hoạt động ngoại khóa; Đoàn Thanh niên,
Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh thành phố thành lập các đội tình nguyện sẵn sàng hỗ trợ
Nhân dân khi có thiên tai.</p>
""",
        },
        {
            "level": 3,
            "heading": "Rà soát, di dời hộ dân khỏi vùng có nguy cơ cao",
            "body": """
<p>Ủy ban nhân dân thành phố chỉ đạo rà soát, cập nhật bản đồ các điểm có nguy cơ sạt lở, ngập lụt;
lập danh sách các hộ cần di dời khẩn cấp và các hộ cần bố trí sắp xếp ổn định lâu dài. Phấn đấu đến
hết năm 2027 di dời xong các hộ dân ở khu vực có nguy cơ rất cao tại phường Sông Hiến, phường Đề
Thám và xã Chu Trinh.</p>
<p>Chi bộ tổ dân phố, xóm phân công đảng viên theo dõi từng hộ thuộc diện nguy cơ, vận động Nhân
dân chấp hành nghiêm việc sơ tán khi có lệnh; kiên quyết không để phát sinh nhà ở mới tại khu vực
đã được cảnh báo.</p>
""",
        },
        {
            "level": 3,
            "heading": "Thực hiện tốt phương châm “bốn tại chỗ”",
            "body": """
<p>Mỗi phường, xã kiện toàn Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn, lực lượng xung
kích với nòng cốt là dân quân, công an, đoàn viên thanh niên; chuẩn bị đầy đủ vật tư, phương tiện
theo phương châm <strong>“chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện và vật tư tại chỗ, hậu
cần tại chỗ”</strong>.</p>
<p>Trước mùa mưa bão hằng năm, các phường, xã tổ chức diễn tập phương án sơ tán dân; bảo đảm thông
tin liên lạc thông suốt từ thành phố đến tổ dân phố, xóm, nhất là ở các xóm vùng cao của xã Chu
Trinh.</p>
""",
        },
        {
            "level": 2,
            "heading": "Tổ chức thực hiện",
            "body": """
<p>- Các đảng ủy phường, xã, chi bộ trực thuộc Thành ủy tổ chức quán triệt Kế hoạch đến cán bộ,
đảng viên; xây dựng kế hoạch thực hiện phù hợp với tình hình địa phương, đơn vị, hoàn thành trong
tháng 8/2026.</p>
<p>- Ủy ban nhân dân thành phố bố trí nguồn lực cho công tác phòng, chống thiên tai; lồng ghép với
các chương trình mục tiêu quốc gia và các dự án chỉnh trang đô thị.</p>
<p>- Ban Tuyên giáo Thành ủy chủ trì, phối hợp với các cơ quan liên quan định hướng công tác tuyên
truyền; Ủy ban Kiểm tra Thành ủy đưa nội dung thực hiện Kế hoạch vào chương trình kiểm tra, giám
sát năm 2027.</p>
<p>- Định kỳ 6 tháng, các tổ chức cơ sở đảng báo cáo kết quả thực hiện về Ban Thường vụ Thành ủy
(qua Văn phòng Thành ủy).</p>
""",
        },
        {
            "level": 1,
            "heading": cite("da06_tu"),
            "presents": "da06_tu",
            "cites": ["nq11_tu"],
            "body": """
<p>Cụ thể hóa Nghị quyết số 11-NQ/TU, ngày 05/3/2026 của Ban Chấp hành Đảng bộ tỉnh về phát triển
du lịch, ngày 22/6/2026, Thành ủy Cao Bằng ban hành Đề án số 06-ĐA/TU về phát triển du lịch đô thị
và kinh tế ban đêm thành phố Cao Bằng giai đoạn 2026 - 2030. Đề án xác định phát triển du lịch gắn
với xây dựng đô thị xanh, văn minh, giàu bản sắc là khâu đột phá để chuyển dịch cơ cấu kinh tế của
thành phố theo hướng dịch vụ.</p>
""",
        },
        {
            "level": 2,
            "heading": "Mục tiêu",
            "body": """
<p><strong>Mục tiêu chung:</strong> Xây dựng thành phố Cao Bằng trở thành trung tâm dịch vụ du
lịch, điểm đến và điểm dừng chân hấp dẫn trên các tuyến du lịch Công viên địa chất toàn cầu UNESCO
Non nước Cao Bằng; hình thành các sản phẩm du lịch đêm đặc trưng, góp phần tăng thu nhập, tạo việc
làm cho Nhân dân.</p>
<p><strong>Một số chỉ tiêu chủ yếu:</strong></p>
<figure class="table">
<table>
<thead>
<tr><th>Stt</th><th>Chỉ tiêu</th><th>Năm 2025 (thực hiện)</th><th>Năm 2030 (mục tiêu)</th></tr>
</thead>
<tbody>
<tr><td>1</td><td>Lượt khách du lịch đến thành phố (triệu lượt)</td><td>1,5</td><td>2,2</td></tr>
<tr><td>2</td><td>Tổng thu từ khách du lịch (tỷ đồng)</td><td>1.150</td><td>2.000</td></tr>
<tr><td>3</td><td>Cơ sở lưu trú đạt tiêu chuẩn phục vụ khách du
lịch</td><td>112</td><td>160</td></tr>
<tr><td>4</td><td>Tuyến phố đi bộ, chợ đêm hoạt động thường xuyên</td><td>1</td><td>3</td></tr>
<tr><td>5</td><td>Lao động du lịch được đào tạo, bồi dưỡng nghiệp vụ
(%)</td><td>55</td><td>80</td></tr>
</tbody>
</table>
</figure>
""",
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ, giải pháp",
            "body": """
<ul>
<li><strong>Về quy hoạch, hạ tầng:</strong> hoàn thiện quy hoạch không gian tuyến phố đi bộ ven
sông Bằng, khu vực chợ đêm và quảng trường trung tâm; bố trí bãi đỗ xe, nhà vệ sinh công cộng, hệ
thống chiếu sáng nghệ thuật.</li>
<li><strong>Về sản phẩm du lịch:</strong> phát triển các sản phẩm ẩm thực, chợ phiên, trình diễn
hát then, đàn tính, múa sư tử của đồng bào Tày, Nùng; liên kết tour tham quan di tích lịch sử cách
mạng và các điểm di sản của Công viên địa chất.</li>
<li><strong>Về môi trường du lịch:</strong> bảo đảm an ninh, trật tự, vệ sinh an toàn thực phẩm;
niêm yết giá công khai, chống ép giá khách; xây dựng và phổ biến bộ quy tắc ứng xử văn minh du
lịch.</li>
<li><strong>Về nguồn nhân lực và quảng bá:</strong> bồi dưỡng kỹ năng cho hộ kinh doanh, người làm
dịch vụ; đẩy mạnh quảng bá hình ảnh thành phố trên nền tảng số, mạng xã hội.</li>
</ul>
<p>Đề án yêu cầu các chi bộ tổ dân phố ở khu vực trung tâm vận động Nhân dân giữ gìn vệ sinh, trật
tự đường phố, thân thiện, mến khách; mỗi cán bộ, đảng viên là một “đại sứ du lịch” của thành
phố.</p>
""",
        },
        {
            "level": 1,
            "heading": "Tin hoạt động của Thành phố",
        },
        {
            "level": 2,
            "heading": (
                "Hội nghị Ban Chấp hành Đảng bộ thành phố sơ kết công tác 6 tháng đầu năm 2026"
            ),
            "event": "so_ket_6_thang",
            "cites": ["bc245_tu"],
            "body": """
<p>Ngày 10/7/2026, Ban Chấp hành Đảng bộ thành phố tổ chức Hội nghị sơ kết công tác 6 tháng đầu
năm, triển khai phương hướng, nhiệm vụ 6 tháng cuối năm 2026. Đồng chí Lâm Văn Quý, Ủy viên BTV
Tỉnh ủy, Phó Chủ tịch Thường trực HĐND tỉnh dự và phát biểu chỉ đạo. Đồng chí Nông Thị Thanh Vân,
Ủy viên BTV Tỉnh ủy, Bí thư Thành ủy; các đồng chí Lục Văn Khánh, Phó Bí thư Thành ủy, Chủ tịch
UBND thành phố; Hoàng Văn Thạch, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố đồng chủ
trì Hội nghị.</p>
<figure class="image"><img src="/static/demo/hoi-nghi-so-ket-6-thang-2026.jpg" alt="Quang cảnh Hội
nghị sơ kết công tác 6 tháng đầu năm 2026"><figcaption>Quang cảnh hội nghị</figcaption></figure>
<p>Theo Báo cáo số 245-BC/TU, ngày 08/7/2026 của Thành ủy do đồng chí Lục Văn Khánh trình bày tại
Hội nghị, 6 tháng đầu năm, tổng thu ngân sách trên địa bàn ước đạt 61,3% dự toán tỉnh giao; công
tác chỉnh trang đô thị, thu gom, xử lý rác thải có chuyển biến rõ nét; 100% chi bộ tổ chức sinh
hoạt định kỳ đúng quy định; toàn Đảng bộ kết nạp được 38 đảng viên mới, đạt 54% chỉ tiêu cả năm.
Tình hình an ninh chính trị, trật tự an toàn xã hội được giữ vững.</p>
<p>Hội nghị thẳng thắn chỉ ra một số hạn chế: tiến độ giải ngân vốn đầu tư công còn chậm; công tác
giải phóng mặt bằng ở một số dự án còn vướng mắc; chất lượng sinh hoạt chi bộ ở một số nơi chưa
cao, nội dung còn đơn điệu.</p>
<p>Phát biểu chỉ đạo, đồng chí Lâm Văn Quý biểu dương những kết quả Đảng bộ thành phố đạt được; đề
nghị thành phố tập trung tháo gỡ khó khăn trong giải phóng mặt bằng, đẩy nhanh giải ngân vốn đầu tư
công, chủ động các phương án phòng, chống thiên tai trong mùa mưa bão. Kết luận Hội nghị, đồng chí
Bí thư Thành ủy yêu cầu các cấp ủy, chính quyền bám sát chỉ tiêu nghị quyết, phân công rõ người, rõ
việc, rõ thời gian hoàn thành, phấn đấu hoàn thành thắng lợi nhiệm vụ năm 2026.</p>
""",
        },
        {
            "level": 2,
            "heading": (
                "Đoàn công tác của tỉnh kiểm tra công tác phòng, chống thiên tai tại xã Chu Trinh"
            ),
            "event": "kiem_tra_thien_tai",
            "body": """
<p>Sáng 24/7/2026, Đoàn công tác của tỉnh do đồng chí Chu Văn Đức, Tỉnh ủy viên, Phó Chủ tịch UBND
tỉnh làm Trưởng đoàn đã kiểm tra công tác chuẩn bị phòng, chống thiên tai tại xã Chu Trinh. Tiếp và
làm việc với Đoàn có đồng chí Lục Văn Khánh, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố; đồng chí
Mã Văn Cường, Thành ủy viên, Phó Chủ tịch UBND thành phố và lãnh đạo Đảng ủy, UBND xã Chu
Trinh.</p>
<p>Đoàn đã kiểm tra thực địa khu vực có nguy cơ sạt lở tại xóm Nà Mè và tuyến đường liên xóm thường
bị chia cắt khi có mưa lớn. Báo cáo với Đoàn, đồng chí Đinh Thị Phượng, Bí thư Đảng ủy xã Chu Trinh
cho biết: xã đã rà soát, lập danh sách 12 hộ dân cần di dời khi có mưa lớn kéo dài; kiện toàn lực
lượng xung kích gồm 45 thành viên; chuẩn bị lương thực, áo phao, đèn pin, máy phát điện dự phòng
theo phương châm “bốn tại chỗ”.</p>
<figure class="image"><img src="/static/demo/kiem-tra-phong-chong-thien-tai-chu-trinh.jpg"
alt="Đoàn công tác kiểm tra điểm có nguy cơ sạt lở tại xóm Nà Mè"><figcaption>Đoàn công tác kiểm
tra điểm có nguy cơ sạt lở tại xóm Nà Mè, xã Chu Trinh</figcaption></figure>
<p>Phát biểu kết luận, đồng chí Chu Văn Đức đánh giá cao sự chủ động của thành phố và xã Chu Trinh;
đề nghị tiếp tục theo dõi chặt chẽ diễn biến thời tiết, cắm biển cảnh báo tại các điểm nguy hiểm,
không để người dân qua lại các ngầm tràn khi nước dâng cao; sớm hoàn thiện hồ sơ đề nghị hỗ trợ di
dời các hộ dân ra khỏi vùng nguy cơ.</p>
""",
        },
        {
            "level": 2,
            "heading": (
                "Ra mắt mô hình “Tổ dân phố xanh - sạch - đẹp” tại Tổ dân phố 5, phường Hợp Giang"
            ),
            "event": "ra_mat_to_dan_pho_xanh",
            "body": """
<p>Chiều 30/7/2026, Ủy ban MTTQ Việt Nam thành phố phối hợp với Đảng ủy phường Hợp Giang tổ chức ra
mắt mô hình “Tổ dân phố xanh - sạch - đẹp” tại Tổ dân phố 5. Dự buổi lễ có đồng chí Hà Thị Nguyệt,
Ủy viên BTV Thành ủy, Trưởng Ban Dân vận Thành ủy, Chủ tịch Ủy ban MTTQ Việt Nam thành phố; đồng
chí Hoàng Văn Bằng, Bí thư Đảng ủy phường Hợp Giang cùng đông đảo Nhân dân trong tổ dân phố.</p>
<p>Mô hình được xây dựng với các tiêu chí: 100% hộ gia đình phân loại rác tại nguồn; mỗi hộ trồng
và chăm sóc ít nhất một chậu cây xanh trước cửa nhà; tổng vệ sinh đường phố vào sáng thứ Bảy hằng
tuần; không lấn chiếm vỉa hè để kinh doanh, để xe. Đồng chí Hoàng Thị Kim Thoa, Phó Bí thư Chi bộ
Tổ dân phố 5 thay mặt Nhân dân phát biểu hưởng ứng, cam kết duy trì mô hình lâu dài.</p>
<p>Phát biểu tại buổi lễ, đồng chí Hà Thị Nguyệt biểu dương tinh thần đoàn kết, tự quản của Nhân
dân Tổ dân phố 5; đề nghị Đảng ủy phường chỉ đạo nhân rộng mô hình ra các tổ dân phố khác, gắn với
Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.</p>
""",
        },
    ],
}
