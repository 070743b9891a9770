"""Demo issue for October 2026 (published). Invented content in the bulletin style."""

from .registry import at, cite

ISSUE = {
    "year": 2026,
    "month": 10,
    "status": "published",
    "published_at": at(2026, 10, 5, 8),
    "sections": [
        {
            "level": 1,
            "heading": cite("kh421_tu"),
            "presents": "kh421_tu",
            "cites": ["kl08_tw", "hd07_btgtu"],
            "body": """
<p>Ngày 12/8/2026, Bộ Chính trị ban hành Kết luận số 08-KL/TW về tăng cường bảo vệ nền tảng tư
tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng trong tình
hình mới. Ngày 18/9/2026, Ban Thường vụ Thành ủy ban hành Kế hoạch số 421-KH/TU thực hiện Kết luận
trên địa bàn thành phố; Ban Tuyên giáo Thành ủy đã hướng dẫn các chi bộ tổ chức nghiên cứu, học
tập, quán triệt Kết luận<sup>1</sup>.</p>
""",
            "footnotes": [
                (
                    "1",
                    cite("hd07_btgtu")
                    + ". Các chi bộ dành ít nhất một kỳ sinh hoạt chuyên đề trong quý IV năm "
                    "2026 để quán triệt Kết luận.",
                ),
            ],
        },
        {
            "level": 2,
            "heading": "Những nội dung cơ bản của Kết luận số 08-KL/TW",
            "body": """
<p>Kết luận nhận định: thời gian qua, công tác bảo vệ nền tảng tư tưởng của Đảng đạt nhiều kết quả
quan trọng; lực lượng tham gia ngày càng đông đảo; nhiều sản phẩm tuyên truyền chính luận có sức
lan tỏa. Tuy nhiên, các thế lực thù địch, phản động tiếp tục lợi dụng mạng xã hội và công nghệ trí
tuệ nhân tạo để tạo ra video, hình ảnh giả mạo, xuyên tạc đường lối của Đảng, chính sách, pháp luật
của Nhà nước, kích động chia rẽ khối đại đoàn kết dân tộc, nhất là ở vùng đồng bào dân tộc thiểu
số, khu vực biên giới.</p>
<p>Bộ Chính trị yêu cầu các cấp ủy, tổ chức đảng tập trung thực hiện tốt một số nội dung:</p>
<ul>
<li>Kiên định, vận dụng sáng tạo và phát triển chủ nghĩa Mác - Lênin, tư tưởng Hồ Chí Minh;
<strong>lấy xây làm chính, lấy cái đẹp dẹp cái xấu</strong>, lấy tích cực đẩy lùi tiêu cực.</li>
<li>Chủ động nắm bắt tình hình tư tưởng của cán bộ, đảng viên và Nhân dân; kịp thời định hướng dư
luận trước các sự kiện, vấn đề phức tạp, nhạy cảm.</li>
<li>Nâng cao “sức đề kháng” của cán bộ, đảng viên và Nhân dân trước thông tin xấu, độc; trang bị kỹ
năng nhận diện thông tin giả, nội dung do trí tuệ nhân tạo tạo ra.</li>
<li>Xử lý nghiêm cán bộ, đảng viên vi phạm quy định về phát ngôn, cung cấp, chia sẻ thông tin trên
không gian mạng.</li>
</ul>
""",
        },
        {
            "level": 2,
            "heading": "Mục đích, yêu cầu của Kế hoạch số 421-KH/TU",
            "body": """
<p>- Quán triệt sâu sắc Kết luận số 08-KL/TW đến toàn thể cán bộ, đảng viên; tạo sự thống nhất cao
về nhận thức và hành động, xác định bảo vệ nền tảng tư tưởng của Đảng là nhiệm vụ của cả hệ thống
chính trị, trong đó cấp ủy, người đứng đầu giữ vai trò quyết định.</p>
<p>- Gắn việc thực hiện Kết luận với thực hiện Nghị quyết Đại hội Đảng bộ thành phố lần thứ XX,
nhiệm kỳ 2025 - 2030, với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và với
nhiệm vụ chuyển đổi số trong các cơ quan đảng.</p>
<p>- Kế hoạch đặt mục tiêu đến hết năm 2027: 100% đảng ủy phường, xã có Tổ công tác bảo vệ nền tảng
tư tưởng của Đảng; mỗi chi bộ có ít nhất một đảng viên nòng cốt tham gia đấu tranh trên không gian
mạng; 100% cán bộ, đảng viên được bồi dưỡng kỹ năng nhận diện thông tin xấu, độc.</p>
""",
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ, giải pháp",
            "body": """
<p>Kế hoạch phân công nhiệm vụ cụ thể cho từng cấp, trong đó nhấn mạnh trách nhiệm của tổ chức đảng
và của mỗi đảng viên:</p>
""",
        },
        {
            "level": 3,
            "heading": "Đối với các cấp ủy, tổ chức đảng",
            "body": """
<p>Các cấp ủy kiện toàn Tổ công tác bảo vệ nền tảng tư tưởng của Đảng ở cấp mình; xây dựng đội ngũ
cộng tác viên là đảng viên trẻ, đoàn viên thanh niên có kỹ năng sử dụng mạng xã hội. Định kỳ hằng
quý, Ban Tuyên giáo Thành ủy tổng hợp tình hình tư tưởng, dư luận xã hội, cung cấp thông tin định
hướng cho đội ngũ báo cáo viên, tuyên truyền viên.</p>
<p>Đẩy mạnh thông tin tích cực về những thành tựu phát triển của thành phố; xây dựng các trang
thông tin điện tử, tài khoản mạng xã hội chính thống của Thành ủy, UBND thành phố và các phường,
xã, bảo đảm cập nhật kịp thời, hấp dẫn, dễ tiếp cận với Nhân dân, nhất là thanh niên.</p>
""",
        },
        {
            "level": 3,
            "heading": "Đối với chi bộ và đảng viên",
            "body": """
<p>Chi bộ đưa nội dung bảo vệ nền tảng tư tưởng của Đảng vào sinh hoạt định kỳ; nắm chắc tư tưởng
của đảng viên và Nhân dân trên địa bàn, phát hiện sớm những biểu hiện dao động, hoài nghi để kịp
thời giải thích, thuyết phục.</p>
<p>Mỗi đảng viên gương mẫu thực hiện các quy định về sử dụng mạng xã hội: không đăng tải, bình
luận, chia sẻ thông tin chưa được kiểm chứng; chủ động lan tỏa thông tin tích cực, những tấm gương
người tốt, việc tốt ở khu dân cư; khi phát hiện thông tin sai trái, thù địch thì báo cáo chi ủy và
cơ quan chức năng để xử lý.</p>
""",
        },
        {
            "level": 1,
            "heading": (
                "Thông báo số 186-TB/TU, ngày 30/9/2026 kết luận của Ban Thường vụ Thành ủy về "
                "tình hình thực hiện nhiệm vụ 9 tháng và phương hướng, nhiệm vụ 3 tháng cuối "
                "năm 2026"
            ),
            "presents": "tb186_tu",
            "body": """
<p>Ngày 29/9/2026, Ban Chấp hành Đảng bộ thành phố họp đánh giá tình hình thực hiện nhiệm vụ 9
tháng, triển khai nhiệm vụ 3 tháng cuối năm 2026. Trên cơ sở ý kiến thảo luận tại Hội nghị, Ban
Thường vụ Thành ủy ban hành Thông báo số 186-TB/TU kết luận một số nội dung chủ yếu sau:</p>
""",
        },
        {
            "level": 2,
            "heading": "Kết quả nổi bật 9 tháng năm 2026",
            "body": """
<p>Trong 9 tháng, các cấp ủy, chính quyền đã tập trung lãnh đạo, chỉ đạo thực hiện đồng bộ các
nhiệm vụ, nhiều chỉ tiêu đạt khá so với kế hoạch:</p>
<figure class="table">
<table>
<thead>
<tr><th>Stt</th><th>Chỉ tiêu</th><th>Kế hoạch năm 2026</th><th>Thực hiện 9 tháng</th><th>Tỷ lệ
(%)</th></tr>
</thead>
<tbody>
<tr><td>1</td><td>Thu ngân sách trên địa bàn (tỷ
đồng)</td><td>720</td><td>548</td><td>76,1</td></tr>
<tr><td>2</td><td>Giải ngân vốn đầu tư công (tỷ
đồng)</td><td>415</td><td>251</td><td>60,5</td></tr>
<tr><td>3</td><td>Kết nạp đảng viên mới (đồng chí)</td><td>70</td><td>57</td><td>81,4</td></tr>
<tr><td>4</td><td>Hồ sơ đảng viên được số hóa (hồ
sơ)</td><td>3.200</td><td>1.940</td><td>60,6</td></tr>
<tr><td>5</td><td>Hộ dân vùng nguy cơ sạt lở được di dời
(hộ)</td><td>47</td><td>31</td><td>66,0</td></tr>
</tbody>
</table>
</figure>
<p>Công tác xây dựng Đảng được chú trọng; việc triển khai Kế hoạch số 412-KH/TU về chuyển đổi số và
Quy định số 27-QĐ/TU về sinh hoạt chi bộ bước đầu tạo chuyển biến. Quốc phòng, an ninh được giữ
vững; không để xảy ra điểm nóng về an ninh, trật tự.</p>
<p>Ban Thường vụ Thành ủy cũng chỉ rõ một số hạn chế: giải ngân vốn đầu tư công chưa đạt tiến độ;
việc số hóa hồ sơ đảng viên ở một số đảng ủy còn chậm; vẫn còn chi bộ chưa duy trì sinh hoạt chuyên
đề theo quy định.</p>
""",
        },
        {
            "level": 2,
            "heading": "Nhiệm vụ trọng tâm 3 tháng cuối năm",
            "body": """
<ol>
<li>Tập trung hoàn thành chỉ tiêu thu ngân sách; đẩy nhanh giải ngân vốn đầu tư công, tháo gỡ dứt
điểm vướng mắc trong giải phóng mặt bằng các dự án trọng điểm.</li>
<li>Hoàn thành số hóa hồ sơ đảng viên của các đảng ủy phường Hợp Giang, Sông Hiến trong năm 2026;
đưa phần mềm tài liệu sinh hoạt chi bộ vào sử dụng ở tất cả các chi bộ.</li>
<li>Chuẩn bị chu đáo việc kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2026
bảo đảm thực chất, đúng quy định.</li>
<li>Tổ chức tốt Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư; chăm lo đời sống Nhân dân, nhất là
hộ nghèo, hộ cận nghèo khi mùa đông đến.</li>
<li>Tăng cường công tác kiểm tra, giám sát; giải quyết kịp thời đơn thư, kiến nghị của Nhân dân
ngay từ cơ sở.</li>
</ol>
""",
        },
        {
            "level": 1,
            "heading": (
                "Kỷ niệm 96 năm Ngày truyền thống công tác Dân vận của Đảng "
                "(15/10/1930 - 15/10/2026)"
            ),
            "body": """
<p>Ngay từ khi ra đời, Đảng ta luôn xác định cách mạng là sự nghiệp của quần chúng; ngày 15/10/1930
được lấy làm Ngày truyền thống công tác Dân vận của Đảng. Ngày 15/10/1949, Chủ tịch Hồ Chí Minh
viết bài báo <em>“Dân vận”</em>, chỉ rõ bản chất, vị trí, vai trò của công tác dân vận và phương
pháp vận động quần chúng; bài báo đến nay vẫn là kim chỉ nam cho công tác dân vận của cả hệ thống
chính trị.</p>
<p>Thấm nhuần tư tưởng của Người, những năm qua, công tác dân vận trên địa bàn thành phố Cao Bằng
có nhiều đổi mới. Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng với hàng chục mô hình
hiệu quả: vận động Nhân dân hiến đất mở rộng ngõ phố, xây dựng tuyến phố văn minh, giúp nhau phát
triển kinh tế, giữ gìn an ninh, trật tự ở khu dân cư. Việc đối thoại giữa người đứng đầu cấp ủy,
chính quyền với Nhân dân được duy trì thường xuyên, nhiều kiến nghị chính đáng của Nhân dân được
giải quyết kịp thời.</p>
<p>Để tiếp tục nâng cao hiệu quả công tác dân vận trong tình hình mới, các chi bộ cần quán triệt và
thực hiện tốt phương châm <strong>“dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ
hưởng”</strong>; mỗi đảng viên phải thực sự gần dân, trọng dân, hiểu dân, học dân và có trách nhiệm
với dân; lắng nghe, tiếp thu ý kiến của Nhân dân trong quá trình xây dựng, thực hiện các chủ
trương, quyết định ở cơ sở.</p>
<p><em>Gợi ý thảo luận:</em> Chi bộ đánh giá những việc đã làm được và chưa làm được trong công tác
dân vận tại địa bàn; lựa chọn một việc cụ thể để đăng ký mô hình “Dân vận khéo” năm 2027.</p>
""",
        },
        {
            "level": 1,
            "heading": "Tin hoạt động của Thành phố",
        },
        {
            "level": 2,
            "heading": (
                "Hội nghị Ban Chấp hành Đảng bộ thành phố đánh giá tình hình thực hiện nhiệm vụ "
                "9 tháng năm 2026"
            ),
            "event": "bch_9_thang",
            "body": """
<p>Ngày 29/9/2026, Ban Chấp hành Đảng bộ thành phố tổ chức Hội nghị đánh giá tình hình thực hiện
nhiệm vụ 9 tháng, triển khai nhiệm vụ 3 tháng cuối năm 2026. Đồng chí Nông Thị Thanh Vân, Ủy viên
BTV Tỉnh ủy, Bí thư Thành ủy chủ trì Hội nghị; dự có đồng chí Hoàng Văn Thạch, Phó Bí thư Thường
trực Thành ủy, Chủ tịch HĐND thành phố cùng các đồng chí Ủy viên Ban Chấp hành Đảng bộ thành
phố.</p>
<p>Tại Hội nghị, đồng chí Lục Văn Khánh, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố trình bày báo
cáo tình hình kinh tế - xã hội 9 tháng; đồng chí Triệu Đức Minh, Ủy viên BTV Thành ủy, Chủ nhiệm Ủy
ban Kiểm tra Thành ủy báo cáo kết quả công tác kiểm tra, giám sát và thi hành kỷ luật đảng. Các đại
biểu tập trung thảo luận giải pháp đẩy nhanh giải ngân vốn đầu tư công, số hóa hồ sơ đảng viên và
nâng cao chất lượng sinh hoạt chi bộ.</p>
<p>Kết luận Hội nghị, đồng chí Bí thư Thành ủy yêu cầu các cấp ủy, chính quyền không chủ quan, thỏa
mãn với kết quả đạt được; rà soát từng chỉ tiêu còn đạt thấp để có giải pháp cụ thể; người đứng đầu
trực tiếp chỉ đạo, chịu trách nhiệm về tiến độ các nhiệm vụ được giao.</p>
""",
        },
        {
            "level": 2,
            "heading": "Khánh thành Nhà văn hóa Tổ dân phố 12, phường Đề Thám",
            "event": "khanh_thanh_nha_van_hoa",
            "body": """
<p>Sáng 19/9/2026, UBND phường Đề Thám tổ chức Lễ khánh thành Nhà văn hóa Tổ dân phố 12. Dự buổi lễ
có đồng chí Lục Văn Khánh, Phó Bí thư Thành ủy, Chủ tịch UBND thành phố; đồng chí Mã Văn Cường,
Thành ủy viên, Phó Chủ tịch UBND thành phố; đồng chí Nông Văn Quyết, Bí thư Đảng ủy phường Đề Thám
cùng đông đảo Nhân dân trong tổ dân phố.</p>
<p>Công trình có tổng mức đầu tư hơn 1,2 tỷ đồng, trong đó Nhân dân đóng góp gần 300 triệu đồng và
hơn 400 ngày công lao động; 3 hộ gia đình tự nguyện hiến đất để mở rộng sân sinh hoạt chung. Nhà
văn hóa có hội trường 120 chỗ ngồi, tủ sách cộng đồng và sân thể thao, đáp ứng nhu cầu hội họp,
sinh hoạt chi bộ và vui chơi của Nhân dân.</p>
<figure class="image"><img src="/static/demo/khanh-thanh-nha-van-hoa-de-tham.jpg" alt="Các đại biểu
cắt băng khánh thành Nhà văn hóa Tổ dân phố 12"><figcaption>Các đại biểu cắt băng khánh thành công
trình</figcaption></figure>
<p>Phát biểu tại buổi lễ, đồng chí Lục Văn Khánh ghi nhận tinh thần đồng thuận, chung sức của Nhân
dân Tổ dân phố 12; đề nghị chi bộ và ban điều hành tổ dân phố quản lý, sử dụng công trình hiệu quả,
tổ chức thường xuyên các hoạt động văn hóa, văn nghệ, thể thao, xứng đáng là “mái nhà chung” của
khu dân cư.</p>
""",
        },
        {
            "level": 2,
            "heading": "Hội nghị báo cáo viên Thành ủy tháng 9 năm 2026",
            "event": "bao_cao_vien_thang_9",
            "cites": ["kl08_tw"],
            "body": """
<p>Chiều 24/9/2026, Ban Tuyên giáo Thành ủy tổ chức Hội nghị báo cáo viên tháng 9. Đồng chí Bế Thị
Lan Hương, Ủy viên BTV Thành ủy, Trưởng Ban Tuyên giáo Thành ủy chủ trì Hội nghị. Dự Hội nghị có
đội ngũ báo cáo viên Thành ủy, bí thư các đảng ủy, chi bộ trực thuộc và đại diện bí thư chi bộ tổ
dân phố, xóm.</p>
<p>Tại Hội nghị, đồng chí Lương Thị Hồng Nhung, Phó Trưởng Ban Tuyên giáo Thành ủy thông tin chuyên
đề về những nội dung cơ bản của Kết luận số 08-KL/TW của Bộ Chính trị và các thủ đoạn mới của các
thế lực thù địch trên không gian mạng; hướng dẫn cách nhận diện video, hình ảnh giả mạo được tạo
bằng trí tuệ nhân tạo. Hội nghị cũng thông tin tình hình thời sự trong nước, quốc tế nổi bật và kết
quả thực hiện nhiệm vụ chính trị của thành phố trong tháng.</p>
<p>Đồng chí Lý Thị Duyên, Bí thư Chi bộ Tổ dân phố 1, phường Hợp Giang phản ánh tâm tư của đảng
viên cao tuổi khi tiếp cận tài liệu điện tử; đề nghị tiếp tục duy trì bản in song song trong giai
đoạn đầu. Ý kiến đã được Ban Tuyên giáo Thành ủy tiếp thu.</p>
""",
        },
    ],
}
